# Agora interface — French. First translation by the Agora developers; marked for review by a native speaker.

## Navigation and layout
nav-skip = Aller au contenu principal
nav-main = Menu principal
nav-account = Compte
nav-languages = Langues
nav-signed-in-as = Connecté en tant que
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-home = Accueil
nav-processes = Processus
nav-calendar = Calendrier
nav-glossary = Glossaire
nav-organisations = Organisations
nav-people = Personnes
nav-admin = Administration
footer-about = Agora mène des processus de gouvernance multipartites en toute transparence.
footer-api = API JSON (OpenAPI)

## Buttons
action-sign-out = Se déconnecter
action-sign-in = Se connecter
action-sign-up = Créer le compte
action-create = Créer
action-save = Enregistrer
action-add = Ajouter
action-search = Rechercher
action-next-page = Page suivante
action-revoke = Révoquer
action-grant = Attribuer
option-none = (aucun)

## Forms
form-errors-heading = Veuillez corriger les points suivants
field-title = Titre
field-slug = Nom dans l’adresse web
field-mandate = Mandat
field-convenor_id = Coordonnateur
field-display_zone = Fuseau horaire des échéances
field-seats = Sièges
field-kind = Phase
field-opens_at = Ouverture
field-closes_at = Clôture
field-acronym = Sigle
field-organiser = Organisateur
field-place = Lieu
field-starts_on = Premier jour
field-ends_on = Dernier jour
field-process_id = Processus
field-url = Page web
field-description = Description
field-expansion = Forme développée
field-name = Nom
field-stakeholder_group = Groupe de parties prenantes
field-country = Pays
field-website = Site web
field-organisation_id = Organisation
field-affiliation = Affiliation
field-region = Région
field-languages = Langues
field-gender = Genre (autodéclaré, facultatif)
field-email = Adresse électronique
field-password = Mot de passe
field-display_name = Nom affiché aux autres utilisateurs
field-role = Rôle
hint-slug = Lettres minuscules non accentuées, chiffres et traits d’union ; créé à partir du titre si le champ est laissé vide.
hint-display_zone = Un fuseau horaire IANA, par exemple Europe/Zurich, Asia/Makassar ou UTC.
hint-country = Code ISO 3166 à deux lettres, par exemple HU ou BR.
hint-languages = Codes de langue séparés par des virgules, par exemple fr, en.
hint-password = Au moins 10 caractères.
hint-phase-zone = Les dates et heures s’entendent dans le fuseau horaire du processus :

## Validation errors
error-required = Ce champ est obligatoire.
error-too-long = Texte trop long : { $limit } caractères au maximum.
error-too-short = Texte trop court : { $limit } caractères au minimum.
error-invalid-country = Indiquez un code de pays ISO 3166 à deux lettres.
error-invalid-region = Choisissez une région dans la liste.
error-invalid-language = Indiquez des codes de langue tels que en, fr ou zh-Hans.
error-invalid-time-zone = Ce fuseau horaire est inconnu.
error-invalid-email = Cette adresse électronique n’est pas valide.
error-invalid-slug = Utilisez uniquement des lettres minuscules non accentuées, des chiffres et des traits d’union simples.
error-invalid-url = Indiquez une adresse web complète commençant par https://.
error-invalid-date = Indiquez une date au format YYYY-MM-DD.
error-invalid-instant = Indiquez une date et une heure au format YYYY-MM-DDTHH:MM.
error-invalid-number = Indiquez un nombre entier.
error-invalid-choice = Choisissez l’une des options proposées.
error-unknown-stakeholder-group = Choisissez un groupe de parties prenantes dans la liste.
error-end-before-start = La fin doit être postérieure au début.
error-duplicate = Cette valeur est déjà utilisée.
error-not-found = Cet élément n’existe pas.
error-back-home = Retour à la page d’accueil

## Error pages
status-400-title = Requête incorrecte
status-400-detail = La requête n’a pas pu être interprétée.
status-401-title = Connexion requise
status-401-detail = Veuillez vous connecter pour continuer.
status-403-title = Action non autorisée
status-403-detail = Votre compte ne permet pas cette action, ou le formulaire a expiré. Rechargez la page et réessayez.
status-404-title = Page introuvable
status-404-detail = Il n’y a rien à cette adresse.
status-405-title = Méthode non autorisée
status-405-detail = Cette adresse n’accepte pas ce type de requête.
status-413-title = Contenu trop volumineux
status-413-detail = Votre envoi dépasse la taille acceptée par Agora.
status-415-title = Format non pris en charge
status-415-detail = Envoyez un formulaire ou du JSON.
status-422-title = Saisie non valide
status-422-detail = Certains champs doivent être corrigés.
status-429-title = Trop de tentatives
status-429-detail = Veuillez patienter une minute, puis réessayer.
status-500-title = Une erreur s’est produite
status-500-detail = L’erreur a été consignée. Veuillez réessayer plus tard.

## Home
home-title = Processus multipartites
home-lead = Consultations, appels à propositions, réunions et rapports, ouverts à tous les groupes de parties prenantes.
home-open-now = En cours
home-nothing-open = Aucune phase n’est ouverte pour le moment.
home-upcoming-events = À venir
home-recent-events = Derniers événements
home-all-events = Tous les événements du calendrier

## Processes
process-new-title = Nouveau processus
process-edit-title = Modifier le processus
process-members = Membres
process-convenor = Coordonnateur
process-mandate = Mandat
process-membership = Composition par groupe de parties prenantes
process-seats-caption = Sièges par groupe de parties prenantes
process-total = Total
process-timeline = Chronologie
process-timeline-caption = Phases, dans le fuseau horaire de l’organisateur
process-no-phases = Aucune phase pour l’instant.
process-status = Statut
process-events = Événements
process-add-phase = Ajouter une phase
phase-closes = Clôture :
phase-kind-consultation = Consultation
phase-kind-call-for-proposals = Appel à propositions
phase-kind-review-and-selection = Examen et sélection
phase-kind-meeting = Réunion
phase-kind-drafting = Rédaction
phase-kind-report = Rapport
phase-status-upcoming = À venir
phase-status-open = Ouverte
phase-status-closed = Clôturée

## Stakeholder groups
group-government = Gouvernement
group-private-sector = Secteur privé
group-civil-society = Société civile
group-technical-community = Communauté technique
group-academic-community = Communauté universitaire
group-intergovernmental-organisation = Organisation intergouvernementale

## Regions (UN M49)
region-001 = Monde
region-002 = Afrique
region-015 = Afrique septentrionale
region-202 = Afrique subsaharienne
region-011 = Afrique occidentale
region-014 = Afrique orientale
region-017 = Afrique centrale
region-018 = Afrique australe
region-019 = Amériques
region-419 = Amérique latine et Caraïbes
region-029 = Caraïbes
region-013 = Amérique centrale
region-005 = Amérique du Sud
region-021 = Amérique septentrionale
region-142 = Asie
region-143 = Asie centrale
region-030 = Asie orientale
region-035 = Asie du Sud-Est
region-034 = Asie méridionale
region-145 = Asie occidentale
region-150 = Europe
region-151 = Europe orientale
region-154 = Europe septentrionale
region-039 = Europe méridionale
region-155 = Europe occidentale
region-009 = Océanie
region-053 = Australie et Nouvelle-Zélande
region-054 = Mélanésie
region-057 = Micronésie

## Calendar
calendar-feed = Flux du calendrier (iCalendar)
calendar-views = Affichages du calendrier
calendar-month-view = Mois
calendar-list-view = Liste
calendar-new-title = Nouvel événement
calendar-all-events = Tous les événements
calendar-empty = Aucun événement.
calendar-previous = Mois précédent
calendar-next = Mois suivant
calendar-this-month = Événements du mois
calendar-month-heading = { $month } { $year }
event-website = Site web
weekday-1 = lun.
weekday-2 = mar.
weekday-3 = mer.
weekday-4 = jeu.
weekday-5 = ven.
weekday-6 = sam.
weekday-7 = dim.
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Glossary
glossary-search-label = Rechercher des sigles et leurs formes développées
glossary-new-title = Nouvelle entrée du glossaire
glossary-count = Entrées trouvées
glossary-other-languages = Autres langues

## Directory
organisation-new-title = Nouvelle organisation
organisation-people = Personnes
organisation-no-people = Aucune personne répertoriée.
person-new-title = Nouvelle personne

## Accounts
signin-title = Connexion
signin-failed = L’adresse électronique ou le mot de passe est incorrect.
signup-title = Créer un compte

## Administration
admin-audit-title = Journal d’audit
admin-audit-caption = Toutes les modifications, des plus récentes aux plus anciennes
admin-accounts = Comptes
admin-roles = Rôles
admin-grant = Attribuer un rôle
admin-scope-global = Partout
role-participant = Participant
role-reviewer = Évaluateur
role-secretariat = Secrétariat
role-admin = Administrateur
audit-when = Date
audit-who = Auteur
audit-what = Action
audit-record = Élément
audit-system = Système
audit-before = Avant
audit-after = Après
