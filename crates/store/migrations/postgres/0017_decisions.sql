-- The programme committee's decision on each proposal (issue 6): accepted into the programme
-- or declined, and when; NULL while undecided. The letter telling the proposer is queued in
-- the outbox by the transaction that records the decision.
-- Keep in step with migrations/sqlite.

ALTER TABLE proposals ADD COLUMN decision TEXT;
ALTER TABLE proposals ADD COLUMN decided_at BIGINT;
CREATE INDEX proposals_decision ON proposals (phase_id, decision);
