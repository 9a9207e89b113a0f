CREATE TABLE `changes` (
	`revision` integer PRIMARY KEY NOT NULL,
	`resource` text NOT NULL,
	`namespace` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`object` text NOT NULL,
	`labels` text NOT NULL,
	`fields` text NOT NULL,
	`prev_labels` text,
	`prev_fields` text,
	`node_name` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `changes_resource_revision` ON `changes` (`resource`,`revision`);--> statement-breakpoint
CREATE INDEX `changes_node_revision` ON `changes` (`resource`,`node_name`,`revision`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `objects` (
	`resource` text NOT NULL,
	`namespace` text NOT NULL,
	`name` text NOT NULL,
	`uid` text NOT NULL,
	`rv` integer NOT NULL,
	`body` text NOT NULL,
	`labels` text NOT NULL,
	`fields` text NOT NULL,
	`node_name` text,
	PRIMARY KEY(`resource`, `namespace`, `name`)
);
--> statement-breakpoint
CREATE INDEX `objects_node` ON `objects` (`resource`,`node_name`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`user` text NOT NULL,
	`uid` text NOT NULL,
	`groups` text NOT NULL,
	`expires_at` integer,
	`description` text,
	`created_at` integer NOT NULL
);
