CREATE TABLE `quota_usage` (
	`namespace` text NOT NULL,
	`quota` text NOT NULL,
	`resource` text NOT NULL,
	`uid` text NOT NULL,
	`hard` integer NOT NULL,
	`used` integer NOT NULL,
	`gen` integer DEFAULT 0 NOT NULL,
	`scopes` text NOT NULL,
	PRIMARY KEY(`namespace`, `quota`, `resource`)
);
--> statement-breakpoint
-- Quota admission's guard: an increment past `hard` aborts the whole write batch (a recalculation,
-- which bumps `gen`, may set any value).
CREATE TRIGGER `quota_usage_guard` BEFORE UPDATE OF `used` ON `quota_usage`
FOR EACH ROW WHEN NEW.`gen` = OLD.`gen` AND NEW.`used` > OLD.`used` AND NEW.`used` > NEW.`hard`
BEGIN SELECT RAISE(ABORT, 'quota exceeded'); END;
