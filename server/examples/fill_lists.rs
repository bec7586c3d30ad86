//! Fills a database with the volume of issue #6's benchmark (`bench/lists.sh`): 2,000
//! published recommendations over sessions 1–3 with their milestones, 50,000 concerns
//! (80 % published) and about 5,000 links between them.
//!
//! ```sh
//! cargo run --release -p server --features app/ssr --example fill_lists -- sqlite:///tmp/x.db
//! ```
//!
//! The database is opened, migrated and seeded with the server's own functions first, so
//! the schema is the real one; rows are inserted in batches (`insert_many`) inside one
//! transaction per table. The text is generated from word lists with a fixed seed, so two
//! runs produce the same data; `search_text` is folded exactly as the application does.
//! Running it again on the same database adds as much again (numbers continue).

use app::{
    concerns::THEMES,
    entities::{concern, milestone, recommendation, recommendation_concern, session},
    search::{matches, searchable},
    sessions::SessionStatus,
};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use server::{db, seed};
use std::{
    collections::{HashMap, HashSet},
    error::Error,
    time::Instant,
};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Published recommendations to add, per session number.
const RECOMMENDATIONS: [(i32, usize); 3] = [(1, 600), (2, 700), (3, 700)];
/// Concerns to add.
const CONCERNS: usize = 50_000;
/// Links between recommendations and published concerns to add.
const LINKS: usize = 5_000;
/// Rows per `INSERT` statement (concerns have 14 columns: 7,000 parameters, under both
/// SQLite's 32,766 and PostgreSQL's 65,535).
const BATCH: usize = 500;

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// Recommendation titles: action + object + complement, in French and English.
const ACTIONS: [(&str, &str); 10] = [
    ("Renforcer", "Strengthen"),
    ("Simplifier", "Simplify"),
    ("Améliorer", "Improve"),
    ("Garantir", "Guarantee"),
    ("Développer", "Develop"),
    ("Faciliter", "Facilitate"),
    ("Moderniser", "Modernise"),
    ("Évaluer", "Evaluate"),
    ("Financer", "Fund"),
    ("Étendre", "Extend"),
];

const OBJECTS: [(&str, &str, &str); 20] = [
    (
        "la sécurité des transferts d'argent",
        "the security of money transfers",
        "money_transfers",
    ),
    (
        "le coût des envois de fonds vers le Mali",
        "the cost of remittances to Mali",
        "money_transfers",
    ),
    (
        "la délivrance des passeports biométriques",
        "the issuance of biometric passports",
        "consular_documents",
    ),
    (
        "l'accès aux cartes consulaires",
        "access to consular cards",
        "consular_documents",
    ),
    (
        "l'état civil des enfants nés à l'étranger",
        "civil registration of children born abroad",
        "consular_documents",
    ),
    (
        "l'investissement immobilier de la diaspora",
        "diaspora property investment",
        "investment_housing",
    ),
    (
        "les logements sociaux réservés à la diaspora",
        "social housing set aside for the diaspora",
        "investment_housing",
    ),
    (
        "le retour et la réinsertion des migrants",
        "the return and reintegration of migrants",
        "return_reintegration",
    ),
    (
        "l'accueil des Maliens rapatriés",
        "the reception of repatriated Malians",
        "return_reintegration",
    ),
    (
        "l'éducation des enfants de la diaspora",
        "the education of diaspora children",
        "education",
    ),
    (
        "la reconnaissance des diplômes obtenus à l'étranger",
        "the recognition of degrees obtained abroad",
        "education",
    ),
    (
        "le programme santé éducation des familles",
        "the health and education programme for families",
        "education",
    ),
    (
        "l'accès aux soins de santé",
        "access to health care",
        "health",
    ),
    (
        "l'assurance maladie des Maliens de l'extérieur",
        "health insurance for Malians abroad",
        "health",
    ),
    (
        "la sécurité des Maliens en transit",
        "the safety of Malians in transit",
        "security",
    ),
    (
        "la protection consulaire en cas de crise",
        "consular protection in a crisis",
        "security",
    ),
    (
        "le vote des Maliens établis à l'extérieur",
        "voting by Malians living abroad",
        "political_participation",
    ),
    (
        "la représentation de la diaspora au Parlement",
        "diaspora representation in Parliament",
        "political_participation",
    ),
    (
        "les échanges culturels et sportifs",
        "cultural and sports exchanges",
        "culture_sport",
    ),
    (
        "l'information des associations de la diaspora",
        "information for diaspora associations",
        "other",
    ),
];

const COMPLEMENTS: [(&str, &str); 10] = [
    ("dans les pays d'accueil", "in host countries"),
    ("avec l'appui des consulats", "with the consulates' support"),
    (
        "pour les Maliens établis à l'extérieur",
        "for Malians living abroad",
    ),
    ("d'ici la prochaine session", "by the next session"),
    (
        "en lien avec le Haut Conseil",
        "together with the High Council",
    ),
    ("par une plateforme numérique", "through a digital platform"),
    ("dans les régions du Mali", "in Mali's regions"),
    ("avec les partenaires techniques", "with technical partners"),
    ("en Afrique de l'Ouest", "in West Africa"),
    ("en Europe et en Amérique", "in Europe and America"),
];

const SENTENCES: [(&str, &str); 12] = [
    (
        "Un comité de suivi rendra compte chaque trimestre des progrès réalisés.",
        "A follow-up committee will report on progress every quarter.",
    ),
    (
        "Les associations de la diaspora seront consultées avant toute décision.",
        "Diaspora associations will be consulted before any decision.",
    ),
    (
        "Le budget nécessaire sera inscrit dans la loi de finances.",
        "The necessary budget will be included in the finance act.",
    ),
    (
        "Les procédures seront publiées en ligne en français et en anglais.",
        "Procedures will be published online in French and English.",
    ),
    (
        "La sécurité juridique des démarches sera assurée par un texte réglementaire.",
        "Legal certainty for the procedures will be ensured by a regulation.",
    ),
    (
        "Une attention particulière sera portée à la santé des personnes âgées.",
        "Particular attention will be paid to the health of older people.",
    ),
    (
        "Les ambassades désigneront un point focal pour la diaspora.",
        "Embassies will appoint a focal point for the diaspora.",
    ),
    (
        "Un rapport d'évaluation sera présenté à la session suivante.",
        "An evaluation report will be presented at the following session.",
    ),
    (
        "L'éducation civique des jeunes de la diaspora sera encouragée.",
        "Civic education of young people in the diaspora will be encouraged.",
    ),
    (
        "Les frais seront réduits pour les étudiants et les travailleurs saisonniers.",
        "Fees will be reduced for students and seasonal workers.",
    ),
    (
        "Des campagnes d'information seront organisées dans les foyers.",
        "Information campaigns will be held in migrant hostels.",
    ),
    (
        "Les données seront publiées en données ouvertes.",
        "The data will be published as open data.",
    ),
];

const INSTITUTIONS: [&str; 12] = [
    "Ministère des Maliens établis à l'extérieur et de l'Intégration africaine",
    "Ministère des Affaires étrangères et de la Coopération internationale",
    "Ministère de l'Économie et des Finances",
    "Ministère de la Santé et du Développement social",
    "Ministère de l'Éducation nationale",
    "Ministère de l'Enseignement supérieur et de la Recherche scientifique",
    "Ministère de la Sécurité et de la Protection civile",
    "Ministère de l'Urbanisme, de l'Habitat, des Domaines et des Affaires foncières",
    "Ministère de l'Administration territoriale et de la Décentralisation",
    "Ministère de la Culture, de l'Artisanat et du Tourisme",
    "Haut Conseil des Maliens de l'Extérieur",
    "Banque centrale des États de l'Afrique de l'Ouest",
];

const STATUSES: [(&str, u64); 4] = [
    ("adopted", 35),
    ("in_progress", 40),
    ("implemented", 15),
    ("abandoned", 10),
];

const MILESTONES: [(&str, &str); 8] = [
    ("Rédaction du projet de texte", "Draft text written"),
    (
        "Consultation des associations de la diaspora",
        "Diaspora associations consulted",
    ),
    (
        "Adoption en Conseil des ministres",
        "Adopted by the Cabinet",
    ),
    (
        "Publication au Journal officiel",
        "Published in the Official Journal",
    ),
    ("Lancement de la phase pilote", "Pilot phase launched"),
    ("Formation des agents consulaires", "Consular staff trained"),
    ("Mise en ligne du service", "Service online"),
    ("Rapport d'évaluation publié", "Evaluation report published"),
];

// Concerns: two to four sentences, in French mostly, some in English.
const CONCERN_SENTENCES: [&str; 30] = [
    "Le renouvellement du passeport prend plus de six mois au consulat.",
    "Les frais d'envoi d'argent vers Kayes sont trop élevés.",
    "Nous demandons une meilleure sécurité sur la route de Gao.",
    "Nos enfants n'ont pas accès à l'éducation en bambara dans le pays d'accueil.",
    "Il faut une assurance santé pour les familles restées au Mali.",
    "Les terrains achetés depuis l'étranger font souvent l'objet de litiges.",
    "Le retour au pays après vingt ans d'absence est difficile sans accompagnement.",
    "Les Maliens de l'extérieur doivent pouvoir voter dans tous les consulats.",
    "La carte consulaire n'est pas reconnue par les banques.",
    "Les étudiants maliens ont besoin de bourses et de logements.",
    "Le consulat est trop loin pour les Maliens du sud du pays.",
    "Les délais de transcription des actes de naissance sont trop longs.",
    "La santé mentale des migrants de retour est négligée.",
    "Les associations manquent d'information sur les programmes de l'État.",
    "Les artistes de la diaspora veulent se produire au Mali.",
    "La sécurité sociale des travailleurs saisonniers n'est pas transférable.",
    "Les jeunes nés à l'étranger souhaitent apprendre l'histoire du Mali.",
    "Le coût du rapatriement des corps est à la charge des familles.",
    "L'éducation des filles doit rester une priorité dans nos villages.",
    "Nous proposons un guichet unique pour l'investissement de la diaspora.",
    "Passport renewal at the embassy takes far too long.",
    "Money transfer fees to Mali should be capped.",
    "We need health insurance that covers our parents in Bamako.",
    "Diaspora children should be able to sit Malian exams abroad.",
    "Consular staff should answer e-mails within a week.",
    "Security in the north worries families who want to visit.",
    "Returning graduates cannot get their degrees recognised.",
    "Our association would like to fund a school and a health centre.",
    "The online appointment system for passports does not work.",
    "We ask for a diaspora seat on every regional council.",
];

const CITIES: [&str; 16] = [
    "Paris",
    "Montreuil",
    "Abidjan",
    "Dakar",
    "Madrid",
    "Barcelone",
    "Milan",
    "New York",
    "Libreville",
    "Brazzaville",
    "Lyon",
    "Bruxelles",
    "Genève",
    "Montréal",
    "Niamey",
    "Conakry",
];

/// Country codes with their weights (where the diaspora lives).
const COUNTRIES: [(&str, u64); 30] = [
    ("CI", 18),
    ("FR", 16),
    ("SN", 10),
    ("BF", 8),
    ("GN", 5),
    ("NE", 4),
    ("MR", 4),
    ("GA", 3),
    ("CG", 3),
    ("CM", 3),
    ("ES", 3),
    ("IT", 3),
    ("US", 3),
    ("GH", 2),
    ("NG", 2),
    ("DZ", 2),
    ("MA", 2),
    ("TN", 1),
    ("BE", 1),
    ("DE", 1),
    ("CA", 1),
    ("CH", 1),
    ("GB", 1),
    ("SA", 1),
    ("AE", 1),
    ("CN", 1),
    ("CD", 1),
    ("TG", 1),
    ("BJ", 1),
    ("AO", 1),
];

fn weighted<'a>(rng: &mut Rng, items: &'a [(&'a str, u64)]) -> &'a str {
    let total: u64 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.next() % total;
    for (item, weight) in items {
        if roll < *weight {
            return item;
        }
        roll -= weight;
    }
    items[0].0
}

fn day(year: i32, month: u32, day: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("bad date {year}-{month}-{day}").into())
}

/// Midnight UTC of `date`, plus `minutes`.
fn at(date: NaiveDate, minutes: i64) -> DateTime<Utc> {
    date.and_time(chrono::NaiveTime::MIN).and_utc() + TimeDelta::minutes(minutes)
}

#[tokio::main]
async fn main() -> Result<()> {
    let url = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .ok_or("usage: fill_lists <DATABASE_URL> (or set DATABASE_URL)")?;
    let started = Instant::now();
    let db = db::connect(&url, 4).await?;
    db::migrate(&db, &url).await?;
    seed::run(&db).await?;
    println!("database {} ready", db::redact(&url));

    let mut rng = Rng(0x00cc_3e80_2026_0006);
    let sessions = ensure_sessions(&db).await?;

    let step = Instant::now();
    let recommendations = fill_recommendations(&db, &mut rng, &sessions).await?;
    println!(
        "recommendations and milestones: {:.1} s",
        step.elapsed().as_secs_f64()
    );

    let step = Instant::now();
    let concerns = fill_concerns(&db, &mut rng).await?;
    println!("concerns: {:.1} s", step.elapsed().as_secs_f64());

    let step = Instant::now();
    fill_links(&db, &mut rng, &recommendations, &concerns).await?;
    println!("links: {:.1} s", step.elapsed().as_secs_f64());

    println!("filled in {:.1} s", started.elapsed().as_secs_f64());
    report(&db).await
}

/// Sessions 1–3 (the seed holds session 1): number → id.
async fn ensure_sessions(db: &DatabaseConnection) -> Result<HashMap<i32, i32>> {
    let now = Utc::now();
    let existing: Vec<(i32, i32)> = session::Entity::find()
        .select_only()
        .column(session::Column::Number)
        .column(session::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut ids: HashMap<i32, i32> = existing.into_iter().collect();
    for (number, starts_on) in [
        (1, day(2025, 12, 16)?),
        (2, day(2026, 6, 10)?),
        (3, day(2026, 11, 18)?),
    ] {
        if ids.contains_key(&number) {
            continue;
        }
        let created = session::Entity::insert(session::ActiveModel {
            number: Set(number),
            title_fr: Set(format!("Session {number} du CCMEX")),
            title_en: Set(format!("CCMEX session {number}")),
            starts_on: Set(starts_on),
            ends_on: Set(starts_on + TimeDelta::days(1)),
            venue_fr: Set("Centre international de conférences de Bamako".to_string()),
            venue_en: Set("Bamako International Conference Centre".to_string()),
            city: Set("Bamako".to_string()),
            country_code: Set("ML".to_string()),
            time_zone: Set("Africa/Bamako".to_string()),
            status: Set(SessionStatus::Held.as_str().to_string()),
            is_current: Set(false),
            applications_open: Set(false),
            applications_open_from: Set(None),
            applications_close_at: Set(None),
            conditions_fr: Set(None),
            conditions_en: Set(None),
            max_organisations: Set(None),
            max_delegates: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(db)
        .await?;
        ids.insert(number, created.last_insert_id);
        println!("created session {number}");
    }
    Ok(ids)
}

/// Inserts the recommendations and their milestones; returns the new recommendations' ids.
async fn fill_recommendations(
    db: &DatabaseConnection,
    rng: &mut Rng,
    sessions: &HashMap<i32, i32>,
) -> Result<Vec<i32>> {
    let now = Utc::now();
    let first_deadline = day(2025, 1, 1)?;
    let deadline_days = (day(2028, 12, 31)? - first_deadline).num_days() as usize + 1;
    let txn = db.begin().await?;
    let before = recommendation::Entity::find()
        .select_only()
        .column_as(recommendation::Column::Id.max(), "max")
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten()
        .unwrap_or(0);
    let mut rows = Vec::new();
    for (number, count) in RECOMMENDATIONS {
        let session_id = *sessions
            .get(&number)
            .ok_or_else(|| format!("session {number} is missing"))?;
        let first_number: i32 = recommendation::Entity::find()
            .select_only()
            .column_as(recommendation::Column::Number.max(), "max")
            .filter(recommendation::Column::SessionId.eq(session_id))
            .into_tuple::<Option<i32>>()
            .one(&txn)
            .await?
            .flatten()
            .unwrap_or(0)
            + 1;
        let published_on = match number {
            1 => day(2025, 12, 20)?,
            2 => day(2026, 6, 15)?,
            _ => day(2026, 11, 22)?,
        };
        for n in 0..count {
            let number = first_number + n as i32;
            let (action_fr, action_en) = *rng.pick(&ACTIONS);
            let (object_fr, object_en, theme) = *rng.pick(&OBJECTS);
            let (complement_fr, complement_en) = *rng.pick(&COMPLEMENTS);
            // Mostly the object's theme, sometimes another one.
            let theme = if rng.chance(80) {
                theme
            } else {
                *rng.pick(&THEMES)
            };
            let title_fr = format!("{action_fr} {object_fr} {complement_fr}");
            let title_en = format!("{action_en} {object_en} {complement_en}");
            let mut text_fr = format!(
                "Le Gouvernement s'engage à {} {object_fr} {complement_fr}.",
                action_fr.to_lowercase()
            );
            let mut text_en = format!(
                "The Government undertakes to {} {object_en} {complement_en}.",
                action_en.to_lowercase()
            );
            for _ in 0..2 + rng.below(3) {
                let (fr, en) = *rng.pick(&SENTENCES);
                text_fr.push(' ');
                text_fr.push_str(fr);
                text_en.push(' ');
                text_en.push_str(en);
            }
            let institution = *rng.pick(&INSTITUTIONS);
            let deadline = rng
                .chance(90)
                .then(|| first_deadline + TimeDelta::days(rng.below(deadline_days) as i64));
            let status = weighted(rng, &STATUSES);
            let number_text = number.to_string();
            let search_text = searchable(&[
                &number_text,
                &title_fr,
                &title_en,
                &text_fr,
                &text_en,
                institution,
            ]);
            rows.push(recommendation::ActiveModel {
                session_id: Set(session_id),
                number: Set(number),
                title_fr: Set(title_fr),
                title_en: Set(title_en),
                text_fr: Set(text_fr),
                text_en: Set(text_en),
                theme: Set(theme.to_string()),
                institution: Set(institution.to_string()),
                deadline: Set(deadline),
                status: Set(status.to_string()),
                published_at: Set(Some(at(published_on, rng.below(600) as i64))),
                created_at: Set(at(published_on, -1440)),
                updated_at: Set(now - TimeDelta::minutes(rng.below(200_000) as i64)),
                search_text: Set(search_text),
                ..Default::default()
            });
        }
    }
    let mut remaining = rows.into_iter().peekable();
    while remaining.peek().is_some() {
        let batch: Vec<_> = remaining.by_ref().take(BATCH).collect();
        recommendation::Entity::insert_many(batch)
            .exec_without_returning(&txn)
            .await?;
    }
    let created: Vec<(i32, String, Option<NaiveDate>)> = recommendation::Entity::find()
        .select_only()
        .column(recommendation::Column::Id)
        .column(recommendation::Column::Status)
        .column(recommendation::Column::Deadline)
        .filter(recommendation::Column::Id.gt(before))
        .order_by_asc(recommendation::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;

    let mut milestones = Vec::new();
    for (id, status, deadline) in &created {
        let count = rng.below(7);
        let end = deadline.unwrap_or(day(2027, 6, 30)?);
        for k in 0..count {
            // Due dates spread over the year before the deadline, in order.
            let due_on = end - TimeDelta::days(((count - k) * 60) as i64);
            let done = match status.as_str() {
                "implemented" => true,
                "adopted" | "abandoned" => false,
                _ => k < count / 2 || rng.chance(20),
            };
            let (text_fr, text_en) = MILESTONES[k % MILESTONES.len()];
            milestones.push(milestone::ActiveModel {
                recommendation_id: Set(*id),
                text_fr: Set(text_fr.to_string()),
                text_en: Set(text_en.to_string()),
                due_on: Set(due_on),
                evidence_url: Set((done && rng.chance(50))
                    .then(|| format!("https://example.ml/preuves/{id}-{k}"))),
                done: Set(done),
                done_at: Set(done.then(|| at(due_on, 600))),
                created_at: Set(now),
                updated_at: Set(now - TimeDelta::minutes(rng.below(200_000) as i64)),
                ..Default::default()
            });
        }
    }
    let mut remaining = milestones.into_iter().peekable();
    while remaining.peek().is_some() {
        let batch: Vec<_> = remaining.by_ref().take(BATCH).collect();
        milestone::Entity::insert_many(batch)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(created.into_iter().map(|(id, _, _)| id).collect())
}

/// Inserts the concerns; returns the new published concerns' ids.
async fn fill_concerns(db: &DatabaseConnection, rng: &mut Rng) -> Result<Vec<i32>> {
    let first_day = day(2025, 6, 1)?;
    let days = (day(2026, 11, 28)? - first_day).num_days() as usize;
    let session_ids: Vec<i32> = session::Entity::find()
        .select_only()
        .column(session::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let txn = db.begin().await?;
    let before = concern::Entity::find()
        .select_only()
        .column_as(concern::Column::Id.max(), "max")
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten()
        .unwrap_or(0);
    let mut batch = Vec::with_capacity(BATCH);
    for n in 0..CONCERNS {
        let mut body = String::new();
        for _ in 0..2 + rng.below(3) {
            if !body.is_empty() {
                body.push(' ');
            }
            let sentence = *rng.pick::<&str>(&CONCERN_SENTENCES);
            body.push_str(sentence);
        }
        let organisation = rng
            .chance(40)
            .then(|| format!("Association des Maliens de {}", rng.pick(&CITIES)));
        let contact = rng.chance(30).then(|| format!("contact{n}@example.org"));
        let roll = rng.below(100);
        let status = match roll {
            0..80 => "published",
            80..95 => "pending",
            _ => "hidden",
        };
        let created_at = at(first_day, (rng.below(days) * 1440 + rng.below(1440)) as i64);
        let search_text = searchable(&[&body, organisation.as_deref().unwrap_or("")]);
        batch.push(concern::ActiveModel {
            session_id: Set(rng.chance(60).then(|| *rng.pick(&session_ids))),
            theme: Set(rng.pick(&THEMES).to_string()),
            country_code: Set(weighted(rng, &COUNTRIES).to_string()),
            body: Set(body),
            organisation_name: Set(organisation),
            contact: Set(contact),
            consent: Set(true),
            status: Set(status.to_string()),
            hidden_reason: Set((status == "hidden").then(|| "Hors sujet".to_string())),
            merged_into: Set(None),
            published_at: Set((status == "published")
                .then(|| created_at + TimeDelta::hours(1 + rng.below(72) as i64))),
            created_at: Set(created_at),
            updated_at: Set(created_at),
            search_text: Set(search_text),
            ..Default::default()
        });
        if batch.len() == BATCH {
            concern::Entity::insert_many(std::mem::take(&mut batch))
                .exec_without_returning(&txn)
                .await?;
        }
    }
    if !batch.is_empty() {
        concern::Entity::insert_many(batch)
            .exec_without_returning(&txn)
            .await?;
    }
    let published: Vec<i32> = concern::Entity::find()
        .select_only()
        .column(concern::Column::Id)
        .filter(concern::Column::Id.gt(before))
        .filter(concern::Column::Status.eq("published"))
        .into_tuple()
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(published)
}

/// Links random recommendations to random published concerns.
async fn fill_links(
    db: &DatabaseConnection,
    rng: &mut Rng,
    recommendations: &[i32],
    concerns: &[i32],
) -> Result<()> {
    if recommendations.is_empty() || concerns.is_empty() {
        return Ok(());
    }
    let mut pairs = HashSet::new();
    while pairs.len() < LINKS {
        pairs.insert((*rng.pick(recommendations), *rng.pick(concerns)));
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_unstable();
    let txn = db.begin().await?;
    for chunk in pairs.chunks(BATCH) {
        recommendation_concern::Entity::insert_many(chunk.iter().map(
            |&(recommendation_id, concern_id)| recommendation_concern::ActiveModel {
                recommendation_id: Set(recommendation_id),
                concern_id: Set(concern_id),
            },
        ))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn report(db: &DatabaseConnection) -> Result<()> {
    let recommendations = recommendation::Entity::find().count(db).await?;
    let published_recommendations = recommendation::Entity::find()
        .filter(recommendation::Column::PublishedAt.is_not_null())
        .count(db)
        .await?;
    let milestones = milestone::Entity::find().count(db).await?;
    let concerns = concern::Entity::find().count(db).await?;
    let published_concerns = concern::Entity::find()
        .filter(concern::Column::Status.eq("published"))
        .count(db)
        .await?;
    let links = recommendation_concern::Entity::find().count(db).await?;
    let sessions = session::Entity::find().count(db).await?;
    println!("sessions: {sessions}");
    println!("recommendations: {recommendations} ({published_recommendations} published)");
    println!("milestones: {milestones}");
    println!("concerns: {concerns} ({published_concerns} published)");
    println!("recommendation_concerns: {links}");
    // What the benchmark's searches find (the application's own condition).
    for query in ["securite", "sante education", "zzzz-nothing"] {
        let mut recommendations = recommendation::Entity::find()
            .filter(recommendation::Column::PublishedAt.is_not_null());
        let mut concerns = concern::Entity::find();
        if let Some(condition) = matches(recommendation::Column::SearchText, query) {
            recommendations = recommendations.filter(condition);
        }
        if let Some(condition) = matches(concern::Column::SearchText, query) {
            concerns = concerns.filter(condition);
        }
        println!(
            "search {query:?}: {} published recommendations, {} concerns",
            recommendations.count(db).await?,
            concerns.count(db).await?
        );
    }
    Ok(())
}
