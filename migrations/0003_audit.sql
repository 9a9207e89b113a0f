CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` text NOT NULL,
	`stage` text NOT NULL,
	`ts` integer NOT NULL,
	`user` text NOT NULL,
	`verb` text NOT NULL,
	`api_group` text NOT NULL,
	`resource` text NOT NULL,
	`namespace` text NOT NULL,
	`name` text NOT NULL,
	`code` integer NOT NULL,
	`event` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_ts` ON `audit_events` (`ts`);--> statement-breakpoint
CREATE INDEX `audit_events_user` ON `audit_events` (`user`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_resource` ON `audit_events` (`resource`,`id`);