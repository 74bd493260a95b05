//! Organisations, people and the deployment's stakeholder groups.

use agora_core::directory::{Organisation, Person};
use agora_core::stakeholder::StakeholderGroups;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::page::{Page, PageRequest};
use crate::row::{self, sort_key};
use crate::{Actor, Result, Store, audit, constraint_as, now_ms};

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

    pub async fn create_organisation(&self, actor: Actor, org: &Organisation) -> Result<()> {
        let mut tx = self.write().await?;
        insert_organisation(&mut tx, org).await?;
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "organisation",
            &org.id.to_string(),
            None,
            Some(org),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn organisation(&self, id: Uuid) -> Result<Option<Organisation>> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(organisation).transpose()
    }

    /// Organisations by name.
    pub async fn organisations(&self, request: &PageRequest) -> Result<Page<Organisation>> {
        let (key, id) = request.bounds();
        let sql = format!(
            "SELECT {ORGANISATION_COLUMNS} FROM organisations \
             WHERE sort_key > $1 OR (sort_key = $1 AND id > $2) ORDER BY sort_key, id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(key)
            .bind(id)
            .bind(request.clamped_limit() + 1)
            .fetch_all(&self.pool)
            .await?;
        let items = rows
            .iter()
            .map(|r| Ok((row::text(r, "sort_key")?, organisation(r)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::from_rows(items, request, |o| o.id.to_string()))
    }

    pub async fn create_person(&self, actor: Actor, person: &Person) -> Result<()> {
        let mut tx = self.write().await?;
        insert_person(&mut tx, person).await?;
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "person",
            &person.id.to_string(),
            None,
            Some(person),
        )
        .await?;
        tx.commit().await?;
        Ok(())
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
        let (key, id) = request.bounds();
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM people \
             WHERE sort_key > $1 OR (sort_key = $1 AND id > $2) ORDER BY sort_key, id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(key)
            .bind(id)
            .bind(request.clamped_limit() + 1)
            .fetch_all(&self.pool)
            .await?;
        let items = rows
            .iter()
            .map(|r| Ok((row::text(r, "sort_key")?, person(r)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::from_rows(items, request, |p| p.id.to_string()))
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

pub(crate) async fn insert_organisation(
    conn: &mut sqlx::AnyConnection,
    org: &Organisation,
) -> Result<()> {
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

pub(crate) async fn insert_person(conn: &mut sqlx::AnyConnection, person: &Person) -> Result<()> {
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
