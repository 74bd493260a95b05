//! Conversations (migration 0015): statements and their moderation, participants with the
//! group and region they declared, votes, and each conversation's latest opinion map. Every
//! vote and moderation decision bumps the conversation's `version` in the same transaction,
//! so that the map's computer knows which maps are behind.

use agora_core::conversation::{Conversation, Moderation, Opinion, Participant, Statement};
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::row;
use crate::{Actor, Result, Store, StoreError, audit, constraint_as, now_ms};

const CONVERSATION_COLUMNS: &str = "id, process_id, topic, description, open, created_at";
const PARTICIPANT_COLUMNS: &str = "id, conversation_id, number, user_id, stakeholder_group, region";
const STATEMENT_COLUMNS: &str =
    "id, conversation_id, number, body, author_id, status, reason, created_at";

fn conversation(r: &AnyRow) -> Result<Conversation> {
    Ok(Conversation {
        id: row::uuid(r, "id")?,
        process_id: row::uuid(r, "process_id")?,
        topic: row::text(r, "topic")?,
        description: row::text(r, "description")?,
        open: row::int(r, "open")? != 0,
        created_at: row::timestamp(r, "created_at")?,
    })
}

fn participant(r: &AnyRow) -> Result<Participant> {
    Ok(Participant {
        id: row::uuid(r, "id")?,
        conversation_id: row::uuid(r, "conversation_id")?,
        number: number(r)?,
        user_id: row::opt_uuid(r, "user_id")?,
        stakeholder_group: row::opt_text(r, "stakeholder_group")?,
        region: row::opt_text(r, "region")?,
    })
}

fn statement(r: &AnyRow) -> Result<Statement> {
    let status = row::text(r, "status")?;
    let moderation = match status.as_str() {
        "pending" => Moderation::Pending,
        "accepted" => Moderation::Accepted,
        "rejected" => Moderation::Rejected(row::opt_text(r, "reason")?.unwrap_or_default()),
        other => return Err(StoreError::Corrupt(format!("statement status {other}"))),
    };
    Ok(Statement {
        id: row::uuid(r, "id")?,
        conversation_id: row::uuid(r, "conversation_id")?,
        number: number(r)?,
        text: row::text(r, "body")?,
        author: row::opt_uuid(r, "author_id")?,
        moderation,
        created_at: row::timestamp(r, "created_at")?,
    })
}

fn number(r: &AnyRow) -> Result<u64> {
    let n = row::int(r, "number")?;
    u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("number {n}")))
}

/// One vote as the analysis reads it: participant and statement numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CastVote {
    pub participant: u64,
    pub statement: u64,
    pub opinion: Opinion,
    pub at: Timestamp,
}

/// A conversation's latest map: the JSON the web crate made of the analysis, and the version
/// of the conversation it was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMap {
    pub version: i64,
    pub computed_at: Timestamp,
    pub map: String,
}

/// A whole conversation brought from elsewhere (a Pol.is export): numbered statements (with
/// whether they were moderated in), numbered participants, and their votes.
#[derive(Debug, Clone, Default)]
pub struct ImportedConversation {
    pub statements: Vec<(u64, String, bool)>,
    pub participants: Vec<u64>,
    pub votes: Vec<CastVote>,
}

/// The next number of `table` within a conversation.
async fn next_number(conn: &mut AnyConnection, table: &str, conversation_id: &str) -> Result<i64> {
    let sql = format!(
        "SELECT COALESCE(MAX(number), 0) + 1 AS next FROM {table} WHERE conversation_id = $1"
    );
    let r = sqlx::query(&sql)
        .bind(conversation_id)
        .fetch_one(&mut *conn)
        .await?;
    row::int(&r, "next")
}

/// Bumps a conversation's version (in the caller's transaction) and returns the new one. On
/// PostgreSQL the update locks the conversation's row until commit, so versions commit in
/// order: a reader that has seen version n has seen every change up to n.
async fn bump(conn: &mut AnyConnection, conversation_id: Uuid) -> Result<i64> {
    let bumped = sqlx::query(
        "UPDATE conversations SET version = version + 1 WHERE id = $1 RETURNING version",
    )
    .bind(conversation_id.to_string())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    row::int(&bumped, "version")
}

/// A moderation as its two columns: the status, and the reason of a rejection.
fn columns_of(moderation: &Moderation) -> (&'static str, Option<&str>) {
    match moderation {
        Moderation::Rejected(reason) => (moderation.code(), Some(reason.as_str())),
        other => (other.code(), None),
    }
}

async fn insert_statement(conn: &mut AnyConnection, statement: &Statement) -> Result<()> {
    let (status, reason) = columns_of(&statement.moderation);
    let sql = format!(
        "INSERT INTO statements ({STATEMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    );
    sqlx::query(&sql)
        .bind(statement.id.to_string())
        .bind(statement.conversation_id.to_string())
        .bind(statement.number as i64)
        .bind(&statement.text)
        .bind(statement.author.map(|a| a.to_string()))
        .bind(status)
        .bind(reason)
        .bind(statement.created_at.as_millisecond())
        .execute(&mut *conn)
        .await
        .map_err(constraint_as("number"))?;
    Ok(())
}

impl Store {
    /// Opens a conversation with its seed statements, accepted and numbered from 1.
    pub async fn create_conversation(
        &self,
        actor: Actor,
        conversation: &Conversation,
        seeds: &[String],
    ) -> Result<Vec<Statement>> {
        let mut tx = self.write().await?;
        let statements = insert_seeded(&mut tx, conversation, seeds).await?;
        let id = conversation.id.to_string();
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "conversation",
            &id,
            None,
            Some(&(conversation, &statements)),
        )
        .await?;
        tx.commit().await?;
        Ok(statements)
    }

    pub async fn conversation(&self, id: Uuid) -> Result<Option<Conversation>> {
        let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(conversation).transpose()
    }

    /// A process's conversations, oldest first.
    pub async fn conversations_of_process(&self, process_id: Uuid) -> Result<Vec<Conversation>> {
        let sql = format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE process_id = $1 \
             ORDER BY created_at, id"
        );
        sqlx::query(&sql)
            .bind(process_id.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(conversation)
            .collect()
    }

    /// Opens or closes a conversation to statements and votes.
    pub async fn set_conversation_open(&self, actor: Actor, id: Uuid, open: bool) -> Result<()> {
        let mut tx = self.write().await?;
        let done = sqlx::query("UPDATE conversations SET open = $2 WHERE id = $1")
            .bind(id.to_string())
            .bind(i64::from(open))
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let key = id.to_string();
        audit::record::<(), ()>(
            &mut tx,
            actor,
            if open { "open" } else { "close" },
            "conversation",
            &key,
            None,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes `user` a participant with the group and region they declared, numbered next; a
    /// user already taking part is refused ([`StoreError::Conflict`] on `user_id`).
    pub async fn join_conversation(
        &self,
        conversation_id: Uuid,
        user: Uuid,
        stakeholder_group: &str,
        region: Option<&str>,
    ) -> Result<Participant> {
        let mut tx = self.write().await?;
        // The bump locks the conversation on PostgreSQL: two joining at once get two numbers.
        bump(&mut tx, conversation_id).await?;
        let key = conversation_id.to_string();
        let number = next_number(&mut tx, "conversation_participants", &key).await?;
        let joined = Participant {
            id: agora_core::new_id(),
            conversation_id,
            number: number as u64,
            user_id: Some(user),
            stakeholder_group: Some(stakeholder_group.to_owned()),
            region: region.map(str::to_owned),
        };
        insert_participant(&mut tx, &joined).await?;
        audit::record::<(), _>(
            &mut tx,
            Some(user),
            "join",
            "conversation",
            &key,
            None,
            Some(&joined),
        )
        .await?;
        tx.commit().await?;
        Ok(joined)
    }

    /// The participant `user` is in a conversation, if they joined.
    pub async fn conversation_participant(
        &self,
        conversation_id: Uuid,
        user: Uuid,
    ) -> Result<Option<Participant>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM conversation_participants \
             WHERE conversation_id = $1 AND user_id = $2"
        );
        let found = sqlx::query(&sql)
            .bind(conversation_id.to_string())
            .bind(user.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(participant).transpose()
    }

    /// Every participant, by number.
    pub async fn conversation_participants(
        &self,
        conversation_id: Uuid,
    ) -> Result<Vec<Participant>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM conversation_participants \
             WHERE conversation_id = $1 ORDER BY number"
        );
        sqlx::query(&sql)
            .bind(conversation_id.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(participant)
            .collect()
    }

    /// A participant's statement, numbered next and waiting for moderation.
    pub async fn add_statement(
        &self,
        actor: Actor,
        author: &Participant,
        text: &str,
        now: Timestamp,
    ) -> Result<Statement> {
        let mut tx = self.write().await?;
        bump(&mut tx, author.conversation_id).await?;
        let key = author.conversation_id.to_string();
        let number = next_number(&mut tx, "statements", &key).await?;
        let statement = Statement {
            id: agora_core::new_id(),
            conversation_id: author.conversation_id,
            number: number as u64,
            text: text.to_owned(),
            author: Some(author.id),
            moderation: Moderation::Pending,
            created_at: now,
        };
        insert_statement(&mut tx, &statement).await?;
        let id = statement.id.to_string();
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "statement",
            &id,
            None,
            Some(&statement),
        )
        .await?;
        tx.commit().await?;
        Ok(statement)
    }

    pub async fn statement(&self, id: Uuid) -> Result<Option<Statement>> {
        let sql = format!("SELECT {STATEMENT_COLUMNS} FROM statements WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(statement).transpose()
    }

    /// Every statement of a conversation, whatever its moderation, by number.
    pub async fn statements(&self, conversation_id: Uuid) -> Result<Vec<Statement>> {
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS} FROM statements WHERE conversation_id = $1 ORDER BY number"
        );
        sqlx::query(&sql)
            .bind(conversation_id.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(statement)
            .collect()
    }

    /// Accepts or rejects a statement (with its reason); the audit log keeps the decision.
    pub async fn moderate_statement(
        &self,
        actor: Actor,
        id: Uuid,
        decision: &Moderation,
    ) -> Result<()> {
        let before = self.statement(id).await?.ok_or(StoreError::NotFound)?;
        let (status, reason) = columns_of(decision);
        let mut tx = self.write().await?;
        sqlx::query("UPDATE statements SET status = $2, reason = $3 WHERE id = $1")
            .bind(id.to_string())
            .bind(status)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        bump(&mut tx, before.conversation_id).await?;
        let key = id.to_string();
        audit::record(
            &mut tx,
            actor,
            "moderate",
            "statement",
            &key,
            Some(&before.moderation),
            Some(decision),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a participant's vote on a statement; a second vote replaces the first.
    pub async fn vote(
        &self,
        voter: &Participant,
        statement: &Statement,
        opinion: Opinion,
        at: Timestamp,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let version = bump(&mut tx, statement.conversation_id).await?;
        sqlx::query(
            "INSERT INTO statement_votes \
             (statement_id, participant_id, conversation_id, opinion, voted_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (statement_id, participant_id) DO UPDATE \
             SET opinion = excluded.opinion, voted_at = excluded.voted_at, version = excluded.version",
        )
        .bind(statement.id.to_string())
        .bind(voter.id.to_string())
        .bind(statement.conversation_id.to_string())
        .bind(i64::from(opinion.value()))
        .bind(at.as_millisecond())
        .bind(version)
        .execute(&mut *tx)
        .await
        .map_err(constraint_as("statement_id"))?;
        let key = statement.id.to_string();
        audit::record::<(), _>(
            &mut tx,
            voter.user_id,
            "vote",
            "statement",
            &key,
            None,
            Some(&opinion),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The numbers of the statements a participant voted on.
    pub async fn voted_by(&self, participant_id: Uuid) -> Result<Vec<u64>> {
        sqlx::query(
            "SELECT s.number FROM statement_votes v JOIN statements s ON s.id = v.statement_id \
             WHERE v.participant_id = $1 ORDER BY s.number",
        )
        .bind(participant_id.to_string())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(number)
        .collect()
    }

    /// Each accepted statement's number and how many votes it has, by number.
    pub async fn vote_tallies(&self, conversation_id: Uuid) -> Result<Vec<(u64, u64)>> {
        sqlx::query(
            "SELECT s.number, COUNT(v.participant_id) AS votes FROM statements s \
             LEFT JOIN statement_votes v ON v.statement_id = s.id \
             WHERE s.conversation_id = $1 AND s.status = 'accepted' \
             GROUP BY s.number ORDER BY s.number",
        )
        .bind(conversation_id.to_string())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((number(r)?, row::int(r, "votes")? as u64)))
        .collect()
    }

    /// Every vote of a conversation, by participant and statement number: the analysis's input.
    pub async fn conversation_votes(&self, conversation_id: Uuid) -> Result<Vec<CastVote>> {
        self.votes_since(conversation_id, 0).await
    }

    /// The votes of a conversation cast or changed after its version `after`: what a map
    /// computed at that version lacks.
    pub async fn votes_since(&self, conversation_id: Uuid, after: i64) -> Result<Vec<CastVote>> {
        sqlx::query(
            "SELECT p.number AS participant, s.number AS statement, v.opinion, v.voted_at \
             FROM statement_votes v \
             JOIN statements s ON s.id = v.statement_id \
             JOIN conversation_participants p ON p.id = v.participant_id \
             WHERE v.conversation_id = $1 AND v.version > $2",
        )
        .bind(conversation_id.to_string())
        .bind(after)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let opinion = row::int(r, "opinion")?;
            Ok(CastVote {
                participant: row::int(r, "participant")? as u64,
                statement: row::int(r, "statement")? as u64,
                opinion: Opinion::from_value(opinion)
                    .ok_or_else(|| StoreError::Corrupt(format!("opinion {opinion}")))?,
                at: row::timestamp(r, "voted_at")?,
            })
        })
        .collect()
    }

    /// The participants numbered after `after`, by number: those who joined since a map was made
    /// (a participant's group and region never change).
    pub async fn participants_after(
        &self,
        conversation_id: Uuid,
        after: u64,
    ) -> Result<Vec<Participant>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM conversation_participants \
             WHERE conversation_id = $1 AND number > $2 ORDER BY number"
        );
        sqlx::query(&sql)
            .bind(conversation_id.to_string())
            .bind(after as i64)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(participant)
            .collect()
    }

    /// A conversation's version: what its map must have been computed from to be current.
    pub async fn conversation_version(&self, id: Uuid) -> Result<i64> {
        let r = sqlx::query("SELECT version FROM conversations WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        row::int(&r, "version")
    }

    /// The conversations whose map is missing or older than their version, with that version.
    pub async fn stale_maps(&self) -> Result<Vec<(Uuid, i64)>> {
        sqlx::query(
            "SELECT c.id, c.version FROM conversations c \
             LEFT JOIN conversation_maps m ON m.conversation_id = c.id \
             WHERE m.version IS NULL OR m.version < c.version ORDER BY c.id",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((row::uuid(r, "id")?, row::int(r, "version")?)))
        .collect()
    }

    /// Keeps `map`, computed from `version`, unless a map of a later version is already kept
    /// (two instances computing at once keep the newer).
    pub async fn save_map(&self, conversation_id: Uuid, version: i64, map: &str) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO conversation_maps (conversation_id, version, computed_at, map) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (conversation_id) DO UPDATE \
             SET version = excluded.version, computed_at = excluded.computed_at, map = excluded.map \
             WHERE conversation_maps.version < excluded.version",
        )
        .bind(conversation_id.to_string())
        .bind(version)
        .bind(now_ms())
        .bind(map)
        .execute(&mut *tx)
        .await
        .map_err(constraint_as("conversation_id"))?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn conversation_map(&self, conversation_id: Uuid) -> Result<Option<StoredMap>> {
        let found = sqlx::query(
            "SELECT version, computed_at, map FROM conversation_maps WHERE conversation_id = $1",
        )
        .bind(conversation_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        found
            .map(|r| {
                Ok(StoredMap {
                    version: row::int(&r, "version")?,
                    computed_at: row::timestamp(&r, "computed_at")?,
                    map: row::text(&r, "map")?,
                })
            })
            .transpose()
    }

    /// Stores a conversation brought from elsewhere whole, or nothing: its statements, its
    /// participants (without group or region) and their votes, in one transaction.
    pub async fn import_conversation(
        &self,
        actor: Actor,
        conversation: &Conversation,
        imported: &ImportedConversation,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        insert_conversation(&mut tx, conversation).await?;
        let mut statement_ids = std::collections::HashMap::new();
        for (number, text, accepted) in &imported.statements {
            let statement = Statement {
                id: agora_core::new_id(),
                conversation_id: conversation.id,
                number: *number,
                text: text.clone(),
                author: None,
                moderation: if *accepted {
                    Moderation::Accepted
                } else {
                    Moderation::Rejected(String::new())
                },
                created_at: conversation.created_at,
            };
            insert_statement(&mut tx, &statement).await?;
            statement_ids.insert(*number, statement.id.to_string());
        }
        let mut participant_ids = std::collections::HashMap::new();
        for number in &imported.participants {
            let p = Participant {
                id: agora_core::new_id(),
                conversation_id: conversation.id,
                number: *number,
                user_id: None,
                stakeholder_group: None,
                region: None,
            };
            insert_participant(&mut tx, &p).await?;
            participant_ids.insert(*number, p.id.to_string());
        }
        let version = bump(&mut tx, conversation.id).await?;
        let key = conversation.id.to_string();
        for vote in &imported.votes {
            let (Some(statement), Some(participant)) = (
                statement_ids.get(&vote.statement),
                participant_ids.get(&vote.participant),
            ) else {
                return Err(StoreError::MissingReference { field: "votes" });
            };
            sqlx::query(
                "INSERT INTO statement_votes \
                 (statement_id, participant_id, conversation_id, opinion, voted_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (statement_id, participant_id) \
                 DO UPDATE SET opinion = excluded.opinion, voted_at = excluded.voted_at \
                 WHERE statement_votes.voted_at <= excluded.voted_at",
            )
            .bind(statement)
            .bind(participant)
            .bind(&key)
            .bind(i64::from(vote.opinion.value()))
            .bind(vote.at.as_millisecond())
            .bind(version)
            .execute(&mut *tx)
            .await?;
        }
        let summary = (
            conversation,
            imported.statements.len(),
            imported.participants.len(),
            imported.votes.len(),
        );
        audit::record::<(), _>(
            &mut tx,
            actor,
            "import",
            "conversation",
            &key,
            None,
            Some(&summary),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Writes a conversation and its seed statements, accepted and numbered from 1, on `conn`
/// (inside the caller's transaction: the demo loads its own this way).
pub(crate) async fn insert_seeded(
    conn: &mut AnyConnection,
    conversation: &Conversation,
    seeds: &[String],
) -> Result<Vec<Statement>> {
    insert_conversation(conn, conversation).await?;
    let mut statements = Vec::with_capacity(seeds.len());
    for (i, text) in seeds.iter().enumerate() {
        let statement = Statement {
            id: agora_core::new_id(),
            conversation_id: conversation.id,
            number: i as u64 + 1,
            text: text.clone(),
            author: None,
            moderation: Moderation::Accepted,
            created_at: conversation.created_at,
        };
        insert_statement(conn, &statement).await?;
        statements.push(statement);
    }
    Ok(statements)
}

async fn insert_conversation(conn: &mut AnyConnection, conversation: &Conversation) -> Result<()> {
    let sql = format!(
        "INSERT INTO conversations ({CONVERSATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"
    );
    sqlx::query(&sql)
        .bind(conversation.id.to_string())
        .bind(conversation.process_id.to_string())
        .bind(&conversation.topic)
        .bind(&conversation.description)
        .bind(i64::from(conversation.open))
        .bind(conversation.created_at.as_millisecond())
        .execute(&mut *conn)
        .await
        .map_err(constraint_as("process_id"))?;
    Ok(())
}

async fn insert_participant(conn: &mut AnyConnection, p: &Participant) -> Result<()> {
    sqlx::query(
        "INSERT INTO conversation_participants \
         (id, conversation_id, number, user_id, stakeholder_group, region, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(p.id.to_string())
    .bind(p.conversation_id.to_string())
    .bind(p.number as i64)
    .bind(p.user_id.map(|u| u.to_string()))
    .bind(&p.stakeholder_group)
    .bind(&p.region)
    .bind(now_ms())
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("user_id"))?;
    Ok(())
}
