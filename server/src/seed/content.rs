//! Seed content: the first session of the CCMEX, its agenda, the two committees and the nine objectives.
//! Written for the platform in French and English (facts from the session's press coverage).

/// One agenda item of the first session. Times are Bamako local time (UTC+0).
pub struct SeedAgendaItem {
    /// 1 for Tuesday 16 December 2025, 2 for Wednesday 17 December 2025.
    pub day: u8,
    /// (hour, minute)
    pub start: (u32, u32),
    pub end: (u32, u32),
    /// one of: "ceremony", "plenary", "panel", "workshop", "break", "closing"
    pub kind: &'static str,
    /// None, or one of: "scope", "participation", "committees", "work_agenda", "concerns", "recommendations"
    pub theme: Option<&'static str>,
    pub title_fr: &'static str,
    pub title_en: &'static str,
    pub description_fr: &'static str,
    pub description_en: &'static str,
    pub room: &'static str,
    /// Comma-separated names/roles, may be empty.
    pub speakers: &'static str,
}

pub struct SeedCommittee {
    /// "steering" or "technical"
    pub slug: &'static str,
    pub name_fr: &'static str,
    pub name_en: &'static str,
    pub description_fr: &'static str,
    pub description_en: &'static str,
    /// (French, English) mission texts
    pub missions: &'static [(&'static str, &'static str)],
}

/// Title of the first session.
pub const SESSION_TITLE_FR: &str = "Première session du CCMEX";
pub const SESSION_TITLE_EN: &str = "First session of the CCMEX";

/// Venue of the first session (Bamako, Mali).
pub const SESSION_VENUE_FR: &str = "Centre international de conférences de Bamako (CICB)";
pub const SESSION_VENUE_EN: &str = "Bamako International Conference Centre (CICB)";

/// Conditions for diaspora organisations to take part (indicative; set by the committees).
pub const SESSION_CONDITIONS_FR: &str = "Les conditions de participation sont fixées par le comité de pilotage et le comité technique du CCMEX. À titre indicatif, une organisation peut déposer une demande si elle est une association légalement constituée dans son pays de résidence, si ses membres font partie de la diaspora malienne et si ses activités concernent les Maliens établis à l’extérieur. Chaque organisation peut désigner jusqu’à deux délégués. La demande est accompagnée d’une preuve d’enregistrement et des coordonnées d’une personne responsable. Le comité technique l’examine et informe l’organisation de sa décision.";
pub const SESSION_CONDITIONS_EN: &str = "Participation conditions are set by the CCMEX steering committee and technical committee. As a guide, an organisation may apply if it is an association legally registered in its country of residence, if its members belong to the Malian diaspora and if its activities concern Malians living abroad. Each organisation may appoint up to two delegates. The request must include proof of registration and the contact details of a responsible person. The technical committee reviews it and informs the organisation of its decision.";

/// The framework's nine objectives, in the order of the source, (French, English).
pub const OBJECTIVES: [(&str, &str); 9] = [
    (
        "Renforcer le dialogue, la cohésion et l’unité entre les Maliens établis à l’extérieur",
        "Strengthen dialogue, cohesion and unity among Malians living abroad",
    ),
    (
        "Pérenniser les acquis dans la gestion des Maliens établis à l’extérieur",
        "Make the progress achieved in managing the affairs of Malians abroad last",
    ),
    (
        "Prévenir les conflits au sein de la communauté des Maliens établis à l’extérieur",
        "Prevent conflicts within the community of Malians living abroad",
    ),
    (
        "Faciliter le dialogue entre le Gouvernement et les Maliens établis à l’extérieur",
        "Make dialogue easier between the Government and Malians living abroad",
    ),
    (
        "Mettre en commun les moyens consacrés à la gestion des Maliens établis à l’extérieur",
        "Pool the resources devoted to managing the affairs of Malians abroad",
    ),
    (
        "Recenser les préoccupations majeures des Maliens établis à l’extérieur et proposer des solutions communes",
        "Identify the main concerns of Malians living abroad and propose shared solutions",
    ),
    (
        "Contribuer au dénombrement des Maliens établis à l’extérieur",
        "Help count Malians living abroad",
    ),
    (
        "Améliorer la participation des Maliens établis à l’extérieur au développement national",
        "Increase the participation of Malians living abroad in national development",
    ),
    (
        "Instaurer un climat de confiance entre les acteurs de la gouvernance migratoire",
        "Build trust among all those involved in migration governance",
    ),
];

/// The steering committee (comité de pilotage) and the technical committee (comité technique).
pub const COMMITTEES: [SeedCommittee; 2] = [
    SeedCommittee {
        slug: "steering",
        name_fr: "Comité de pilotage",
        name_en: "Steering committee",
        description_fr: "Instance d’orientation du CCMEX. Il fixe le cap des travaux entre le Gouvernement et la diaspora et veille à ce que les recommandations adoptées soient suivies d’effet.",
        description_en: "The CCMEX’s guiding body. It sets the direction of the work between the Government and the diaspora and makes sure that adopted recommendations lead to action.",
        missions: &[
            (
                "Définir les orientations du CCMEX et les priorités de chaque session",
                "Set the CCMEX’s direction and the priorities of each session",
            ),
            (
                "Adopter l’agenda de travail et le calendrier des sessions",
                "Adopt the work agenda and the calendar of sessions",
            ),
            (
                "Arrêter les conditions de participation des associations et organisations de la diaspora",
                "Set the conditions under which diaspora associations and organisations take part",
            ),
            (
                "Veiller à la coordination entre le Gouvernement, le Haut Conseil des Maliens de l’extérieur et les organisations de la diaspora",
                "Ensure coordination between the Government, the High Council of Malians Abroad and diaspora organisations",
            ),
            (
                "Suivre la mise en œuvre des recommandations et en rendre compte publiquement",
                "Monitor the implementation of recommendations and report on it publicly",
            ),
        ],
    },
    SeedCommittee {
        slug: "technical",
        name_fr: "Comité technique",
        name_en: "Technical committee",
        description_fr: "Cheville ouvrière du CCMEX. Il prépare les sessions, instruit les demandes de participation et transforme les préoccupations de la diaspora en propositions de recommandations.",
        description_en: "The CCMEX’s working body. It prepares the sessions, reviews participation requests and turns the diaspora’s concerns into draft recommendations.",
        missions: &[
            (
                "Préparer les sessions, les documents de travail et le projet d’ordre du jour",
                "Prepare the sessions, the working documents and the draft agenda",
            ),
            (
                "Examiner les demandes de participation des associations et organisations de la diaspora",
                "Review participation requests from diaspora associations and organisations",
            ),
            (
                "Recueillir, classer et analyser les préoccupations des Maliens établis à l’extérieur",
                "Collect, sort and analyse the concerns of Malians living abroad",
            ),
            (
                "Rédiger les projets de recommandations et proposer des indicateurs de suivi",
                "Draft recommendations and propose indicators to track them",
            ),
            (
                "Appuyer les travaux de dénombrement des Maliens établis à l’extérieur",
                "Support the work of counting Malians living abroad",
            ),
        ],
    },
];

/// Agenda of the first session (16–17 December 2025, CICB, Bamako), in chronological order.
pub const AGENDA: &[SeedAgendaItem] = &[
    // ----- Day 1: Tuesday 16 December 2025 -----
    SeedAgendaItem {
        day: 1,
        start: (8, 30),
        end: (9, 30),
        kind: "break",
        theme: None,
        title_fr: "Accueil et enregistrement des participants",
        title_en: "Welcome and registration of participants",
        description_fr: "Retrait des badges et des documents de la session. Munissez-vous d’une pièce d’identité et de la confirmation de votre demande de participation.",
        description_en: "Collect your badge and the session documents. Please bring an identity document and the confirmation of your participation request.",
        room: "Hall d’accueil",
        speakers: "",
    },
    SeedAgendaItem {
        day: 1,
        start: (9, 30),
        end: (10, 30),
        kind: "ceremony",
        theme: None,
        title_fr: "Cérémonie officielle d’ouverture",
        title_en: "Official opening ceremony",
        description_fr: "Allocution du président du Haut Conseil des Maliens de l’extérieur, M. Habib Sylla, puis discours d’ouverture du ministre des Maliens établis à l’extérieur et de l’Intégration africaine, M. Ag Attaher. Les deux orateurs rappellent l’apport de la diaspora, présente dans plus de 77 pays, au développement du Mali.",
        description_en: "Address by the President of the High Council of Malians Abroad, Mr Habib Sylla, followed by the opening speech of the Minister of Malians Abroad and African Integration, Mr Ag Attaher. Both speakers highlight the contribution of the diaspora, present in more than 77 countries, to Mali’s development.",
        room: "Salle 1000",
        speakers: "M. Habib Sylla, M. Ag Attaher",
    },
    SeedAgendaItem {
        day: 1,
        start: (10, 30),
        end: (11, 0),
        kind: "break",
        theme: None,
        title_fr: "Pause-café",
        title_en: "Coffee break",
        description_fr: "Pause et échanges informels entre délégués.",
        description_en: "Break and informal exchanges between delegates.",
        room: "Hall d’accueil",
        speakers: "",
    },
    SeedAgendaItem {
        day: 1,
        start: (11, 0),
        end: (12, 30),
        kind: "plenary",
        theme: Some("scope"),
        title_fr: "Portée et objectifs du CCMEX",
        title_en: "Scope and objectives of the CCMEX",
        description_fr: "Présentation du cadre de concertation, issu des recommandations des Assises nationales de la Refondation et des États généraux de la Migration, et de ses neuf objectifs. Séance de questions-réponses avec la salle.",
        description_en: "Presentation of the consultative framework, which stems from the recommendations of the Assises nationales de la Refondation (national refoundation conference) and the États généraux de la Migration (national migration conference), and of its nine objectives. Questions and answers with the floor.",
        room: "Salle 1000",
        speakers: "Représentant·e du ministère des Maliens établis à l’extérieur et de l’Intégration africaine",
    },
    SeedAgendaItem {
        day: 1,
        start: (12, 30),
        end: (14, 0),
        kind: "break",
        theme: None,
        title_fr: "Déjeuner",
        title_en: "Lunch",
        description_fr: "Déjeuner offert aux participants inscrits.",
        description_en: "Lunch for registered participants.",
        room: "Salle des Banquets",
        speakers: "",
    },
    SeedAgendaItem {
        day: 1,
        start: (14, 0),
        end: (15, 30),
        kind: "panel",
        theme: Some("participation"),
        title_fr: "Conditions de participation des associations et organisations de la diaspora",
        title_en: "Conditions for diaspora associations and organisations to take part",
        description_fr: "Qui peut prendre part aux travaux du CCMEX, avec combien de délégués et selon quelle procédure de demande. Le panel répond aux questions des associations présentes.",
        description_en: "Who can take part in the CCMEX’s work, with how many delegates and through which application procedure. The panel answers questions from the associations in the room.",
        room: "Salle 1000",
        speakers: "Représentant·e du Haut Conseil des Maliens de l’extérieur, Représentant·e du comité technique",
    },
    SeedAgendaItem {
        day: 1,
        start: (15, 30),
        end: (15, 45),
        kind: "break",
        theme: None,
        title_fr: "Pause-café",
        title_en: "Coffee break",
        description_fr: "Courte pause avant la dernière séance de la journée.",
        description_en: "Short break before the last session of the day.",
        room: "Hall d’accueil",
        speakers: "",
    },
    SeedAgendaItem {
        day: 1,
        start: (15, 45),
        end: (17, 15),
        kind: "plenary",
        theme: Some("committees"),
        title_fr: "Missions du comité de pilotage et du comité technique",
        title_en: "Missions of the steering committee and the technical committee",
        description_fr: "Rôle de chaque comité, répartition des tâches entre eux et manière dont ils rendent compte aux Maliens établis à l’extérieur. Débat avec les participants sur leur fonctionnement.",
        description_en: "The role of each committee, how tasks are shared between them and how they report back to Malians living abroad. Discussion with participants on how they will work.",
        room: "Salle 1000",
        speakers: "Représentant·e du comité de pilotage, Représentant·e du comité technique",
    },
    // ----- Day 2: Wednesday 17 December 2025 -----
    SeedAgendaItem {
        day: 2,
        start: (8, 30),
        end: (9, 0),
        kind: "plenary",
        theme: None,
        title_fr: "Compte rendu de la première journée",
        title_en: "Report on the first day",
        description_fr: "Rappel des principaux points de la veille et présentation du programme de la journée.",
        description_en: "Recap of the main points of the previous day and outline of today’s programme.",
        room: "Salle 1000",
        speakers: "Rapporteur·e général·e",
    },
    SeedAgendaItem {
        day: 2,
        start: (9, 0),
        end: (10, 15),
        kind: "plenary",
        theme: Some("work_agenda"),
        title_fr: "Agenda de travail du CCMEX",
        title_en: "The CCMEX work agenda",
        description_fr: "Présentation du projet de programme de travail du CCMEX après cette session, avec les réunions des comités, les prochaines sessions, le dénombrement et le suivi des recommandations. Les participants sont invités à proposer leurs priorités.",
        description_en: "Presentation of the draft work programme of the CCMEX after this session, covering committee meetings, future sessions, the count of Malians abroad and the follow-up of recommendations. Participants are invited to put forward their priorities.",
        room: "Salle 1000",
        speakers: "Représentant·e du comité de pilotage",
    },
    SeedAgendaItem {
        day: 2,
        start: (10, 15),
        end: (10, 30),
        kind: "break",
        theme: None,
        title_fr: "Pause-café",
        title_en: "Coffee break",
        description_fr: "Pause, puis répartition des participants dans les trois ateliers.",
        description_en: "Break, then participants split into the three workshops.",
        room: "Hall d’accueil",
        speakers: "",
    },
    SeedAgendaItem {
        day: 2,
        start: (10, 30),
        end: (12, 15),
        kind: "workshop",
        theme: Some("concerns"),
        title_fr: "Atelier A – Préoccupations des Maliens établis en Afrique",
        title_en: "Workshop A – Concerns of Malians living in Africa",
        description_fr: "Échanges en petit groupe sur les difficultés rencontrées dans les pays de résidence du continent et sur les solutions communes à proposer. Les préoccupations retenues sont transmises au comité technique.",
        description_en: "Small-group discussion of the difficulties faced in countries of residence across the continent and of shared solutions to propose. The concerns retained are passed on to the technical committee.",
        room: "Salle Wagadu",
        speakers: "",
    },
    SeedAgendaItem {
        day: 2,
        start: (10, 30),
        end: (12, 15),
        kind: "workshop",
        theme: Some("concerns"),
        title_fr: "Atelier B – Préoccupations des Maliens établis en Europe",
        title_en: "Workshop B – Concerns of Malians living in Europe",
        description_fr: "Échanges en petit groupe sur les difficultés rencontrées dans les pays de résidence européens et sur les solutions communes à proposer. Les préoccupations retenues sont transmises au comité technique.",
        description_en: "Small-group discussion of the difficulties faced in European countries of residence and of shared solutions to propose. The concerns retained are passed on to the technical committee.",
        room: "Salle des Banquets",
        speakers: "",
    },
    SeedAgendaItem {
        day: 2,
        start: (10, 30),
        end: (12, 15),
        kind: "workshop",
        theme: Some("concerns"),
        title_fr: "Atelier C – Préoccupations des Maliens établis dans les Amériques, en Asie et au Moyen-Orient",
        title_en: "Workshop C – Concerns of Malians living in the Americas, Asia and the Middle East",
        description_fr: "Échanges en petit groupe, ouverts aussi aux délégués des autres régions, sur les difficultés rencontrées dans les pays de résidence et sur les solutions communes à proposer. Les préoccupations retenues sont transmises au comité technique.",
        description_en: "Small-group discussion, also open to delegates from other regions, of the difficulties faced in countries of residence and of shared solutions to propose. The concerns retained are passed on to the technical committee.",
        room: "Salle 1000",
        speakers: "",
    },
    SeedAgendaItem {
        day: 2,
        start: (12, 15),
        end: (13, 0),
        kind: "plenary",
        theme: Some("concerns"),
        title_fr: "Restitution des ateliers sur les préoccupations",
        title_en: "Feedback from the workshops on concerns",
        description_fr: "Chaque atelier présente les préoccupations majeures retenues et les solutions communes proposées. Cette synthèse nourrit les recommandations examinées l’après-midi.",
        description_en: "Each workshop presents the main concerns it retained and the shared solutions it proposes. This summary feeds into the recommendations discussed in the afternoon.",
        room: "Salle 1000",
        speakers: "Rapporteur·e·s des ateliers",
    },
    SeedAgendaItem {
        day: 2,
        start: (13, 0),
        end: (14, 15),
        kind: "break",
        theme: None,
        title_fr: "Déjeuner",
        title_en: "Lunch",
        description_fr: "Déjeuner offert aux participants inscrits.",
        description_en: "Lunch for registered participants.",
        room: "Salle des Banquets",
        speakers: "",
    },
    SeedAgendaItem {
        day: 2,
        start: (14, 15),
        end: (15, 45),
        kind: "panel",
        theme: Some("recommendations"),
        title_fr: "Recommandations pour une meilleure gouvernance migratoire",
        title_en: "Recommendations for better migration governance",
        description_fr: "Examen des projets de recommandations issus des ateliers, dans le but d’instaurer la confiance entre les acteurs de la gouvernance migratoire. Pour chacune, les participants précisent qui la porte et dans quels délais.",
        description_en: "Review of the draft recommendations drawn from the workshops, with the aim of building trust among those involved in migration governance. For each one, participants specify who carries it forward and by when.",
        room: "Salle 1000",
        speakers: "Représentant·e du comité technique",
    },
    SeedAgendaItem {
        day: 2,
        start: (15, 45),
        end: (16, 0),
        kind: "break",
        theme: None,
        title_fr: "Pause-café",
        title_en: "Coffee break",
        description_fr: "Courte pause pendant la mise au propre des recommandations.",
        description_en: "Short break while the recommendations are finalised.",
        room: "Hall d’accueil",
        speakers: "",
    },
    SeedAgendaItem {
        day: 2,
        start: (16, 0),
        end: (16, 45),
        kind: "plenary",
        theme: Some("recommendations"),
        title_fr: "Synthèse des travaux et adoption des recommandations",
        title_en: "Summary of the proceedings and adoption of the recommendations",
        description_fr: "Lecture du rapport de synthèse de la session et adoption des recommandations par les participants. Les recommandations adoptées sont publiées sur la plateforme pour que chacun puisse suivre leur mise en œuvre.",
        description_en: "Reading of the session’s summary report and adoption of the recommendations by the participants. Adopted recommendations are published on the platform so that everyone can follow their implementation.",
        room: "Salle 1000",
        speakers: "Rapporteur·e général·e, Rapporteur·e du comité technique",
    },
    SeedAgendaItem {
        day: 2,
        start: (16, 45),
        end: (17, 30),
        kind: "closing",
        theme: None,
        title_fr: "Cérémonie de clôture",
        title_en: "Closing ceremony",
        description_fr: "Allocutions de clôture et annonce des prochaines étapes du CCMEX.",
        description_en: "Closing speeches and announcement of the CCMEX’s next steps.",
        room: "Salle 1000",
        speakers: "Représentant·e du Gouvernement, Représentant·e du Haut Conseil des Maliens de l’extérieur",
    },
];
