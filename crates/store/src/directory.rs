//! Organisations, people and the deployment's stakeholder groups.

use agora_core::directory::{Organisation, Person};
use agora_core::stakeholder::StakeholderGroups;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::page::{Page, PageRequest};
use crate::row::{self, sort_key};
use crate::{Actor, Insert, Result, Store, StoreError, audit, constraint_as, now_ms};

fn organisation(r: &AnyRow) -> Result<Organisation> {
    Ok(Organisation {
        id: row::uuid(r, "id")?,
        name: row::text(r, "name")?,
        acronym: row::opt_text(r, "acronym")?,
        stakeholder_group: row::text(r, "stakeholder_group")?,
        country: row::opt_text(r, "country")?,
        website: row::opt_text(r, "website")?,
    })
}

fn person(r: &AnyRow) -> Result<Person> {
    Ok(Person {
        id: row::uuid(r, "id")?,
        name: row::text(r, "name")?,
        organisation_id: row::opt_uuid(r, "organisation_id")?,
        affiliation: row::opt_text(r, "affiliation")?,
        stakeholder_group: row::text(r, "stakeholder_group")?,
        country: row::opt_text(r, "country")?,
        region: row::opt_text(r, "region")?,
        languages: row::text(r, "languages")?
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        gender: row::opt_text(r, "gender")?,
    })
}

const ORGANISATION_COLUMNS: &str =
    "id, sort_key, name, acronym, stakeholder_group, country, website";
const PERSON_COLUMNS: &str = "id, sort_key, name, organisation_id, affiliation, stakeholder_group, \
                              country, region, languages, gender";

impl Store {
    pub async fn stakeholder_groups(&self) -> Result<StakeholderGroups> {
        let rows = sqlx::query("SELECT code FROM stakeholder_groups ORDER BY position")
            .fetch_all(&self.pool)
            .await?;
        Ok(StakeholderGroups::new(
            rows.iter()
                .map(|r| row::text(r, "code"))
                .collect::<Result<_>>()?,
        ))
    }

    pub async fn organisation(&self, id: Uuid) -> Result<Option<Organisation>> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(organisation).transpose()
    }

    /// Adds a stakeholder group at the end of the deployment's list.
    pub async fn add_stakeholder_group(&self, actor: Actor, code: &str) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO stakeholder_groups (code, position) \
             SELECT $1, COALESCE(MAX(position), 0) + 1 FROM stakeholder_groups",
        )
        .bind(code)
        .execute(&mut *tx)
        .await
        .map_err(constraint_as("code"))?;
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "stakeholder-group",
            code,
            None,
            Some(&code),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a stakeholder group that no organisation, person or process refers to.
    pub async fn remove_stakeholder_group(&self, actor: Actor, code: &str) -> Result<()> {
        let mut tx = self.write().await?;
        let removed = sqlx::query("DELETE FROM stakeholder_groups WHERE code = $1")
            .bind(code)
            .execute(&mut *tx)
            .await
            .map_err(|error| match error.as_database_error() {
                Some(db) if db.is_foreign_key_violation() => StoreError::InUse,
                _ => StoreError::Database(error),
            })?;
        if removed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record::<_, ()>(
            &mut tx,
            actor,
            "delete",
            "stakeholder-group",
            code,
            Some(&code),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Organisations by name.
    pub async fn organisations(&self, request: &PageRequest) -> Result<Page<Organisation>> {
        self.keyset_page(
            ORGANISATION_COLUMNS,
            "organisations",
            "sort_key",
            request,
            organisation,
        )
        .await
    }

    pub async fn person(&self, id: Uuid) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(person).transpose()
    }

    /// People by name.
    pub async fn people(&self, request: &PageRequest) -> Result<Page<Person>> {
        self.keyset_page(PERSON_COLUMNS, "people", "sort_key", request, person)
            .await
    }

    /// The people who belong to an organisation, by name.
    pub async fn members_of(&self, organisation_id: Uuid) -> Result<Vec<Person>> {
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE organisation_id = $1 ORDER BY sort_key, id"
        );
        let rows = sqlx::query(&sql)
            .bind(organisation_id.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(person).collect()
    }
}

impl Insert for Organisation {
    const ENTITY: &'static str = "organisation";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let org = self;
        sqlx::query(
            "INSERT INTO organisations (id, sort_key, name, acronym, stakeholder_group, country, website, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(org.id.to_string())
        .bind(sort_key(&org.name))
        .bind(&org.name)
        .bind(&org.acronym)
        .bind(&org.stakeholder_group)
        .bind(&org.country)
        .bind(&org.website)
        .bind(now_ms())
        .execute(conn)
        .await
        .map_err(constraint_as("stakeholder_group"))?;
        Ok(())
    }
}

impl Insert for Person {
    const ENTITY: &'static str = "person";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let person = self;
        sqlx::query(
            "INSERT INTO people (id, sort_key, name, organisation_id, affiliation, stakeholder_group, \
                                 country, region, languages, gender, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(person.id.to_string())
        .bind(sort_key(&person.name))
        .bind(&person.name)
        .bind(person.organisation_id.map(|id| id.to_string()))
        .bind(&person.affiliation)
        .bind(&person.stakeholder_group)
        .bind(&person.country)
        .bind(&person.region)
        .bind(person.languages.join(","))
        .bind(&person.gender)
        .bind(now_ms())
        .execute(conn)
        .await
        .map_err(constraint_as("organisation_id"))?;
        Ok(())
    }
}
