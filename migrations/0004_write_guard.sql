-- A write batch's precondition: `INSERT INTO write_guard (reason) SELECT '<reason>' WHERE <violated>`
-- aborts the whole batch with that reason (RAISE works only inside triggers; the view stores nothing).
CREATE VIEW `write_guard` AS SELECT NULL AS `reason`;
--> statement-breakpoint
CREATE TRIGGER `write_guard_abort` INSTEAD OF INSERT ON `write_guard`
BEGIN SELECT RAISE(ABORT, NEW.`reason`); END;
