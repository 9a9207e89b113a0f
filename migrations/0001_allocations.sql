CREATE TABLE `allocations` (
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`owner` text NOT NULL,
	PRIMARY KEY(`kind`, `value`)
);
--> statement-breakpoint
CREATE INDEX `allocations_owner` ON `allocations` (`owner`);