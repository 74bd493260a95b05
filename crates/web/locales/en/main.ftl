# Agora interface — English (source language).
# Message ids: nav-* navigation, action-* buttons, field-* form labels, hint-* form hints,
# error-* validation messages, status-* error pages, <page>-* page texts.

## Navigation and layout
nav-skip = Skip to main content
nav-main = Main
nav-account = Account
nav-languages = Languages
nav-signed-in-as = Signed in as
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-home = Home
nav-processes = Processes
nav-calendar = Calendar
nav-glossary = Glossary
nav-organisations = Organisations
nav-people = People
nav-admin = Administration
footer-about = Agora runs multistakeholder governance processes in the open.
footer-api = JSON API (OpenAPI)

## Buttons
action-sign-out = Sign out
action-sign-in = Sign in
action-sign-up = Create account
action-create = Create
action-save = Save
action-add = Add
action-search = Search
action-next-page = Next page
action-revoke = Revoke
action-grant = Grant
option-none = (none)

## Forms
form-errors-heading = Please correct the following
field-title = Title
field-slug = Web address name
field-mandate = Mandate
field-convenor_id = Convenor
field-display_zone = Time zone for deadlines
field-seats = Seats
field-kind = Phase
field-opens_at = Opens
field-closes_at = Closes
field-acronym = Acronym
field-organiser = Organiser
field-place = Place
field-starts_on = First day
field-ends_on = Last day
field-process_id = Process
field-url = Web page
field-description = Description
field-expansion = Expansion
field-name = Name
field-stakeholder_group = Stakeholder group
field-country = Country
field-website = Website
field-organisation_id = Organisation
field-affiliation = Affiliation
field-region = Region
field-languages = Languages
field-gender = Gender (self-declared, optional)
field-email = Email address
field-password = Password
field-display_name = Name shown to others
field-role = Role
hint-slug = Lowercase letters, digits and hyphens; made from the title when left empty.
hint-display_zone = An IANA time zone such as Europe/Zurich, Asia/Makassar or UTC.
hint-country = Two-letter ISO 3166 code, for example HU or BR.
hint-languages = Language codes separated by commas, for example fr, en.
hint-password = At least 10 characters.
hint-phase-zone = Dates and times are read in the process's time zone:

## Validation errors
error-required = This field is required.
error-too-long = This is too long: at most { $limit } characters.
error-too-short = This is too short: at least { $limit } characters.
error-too-many-words = This is too long: at most { $limit } words.
error-invalid-country = Use a two-letter ISO 3166 country code.
error-invalid-region = Choose a region from the list.
error-invalid-language = Use language codes such as en, fr or zh-Hans.
error-invalid-time-zone = This is not a known time zone.
error-invalid-email = This is not an email address.
error-invalid-slug = Use lowercase letters, digits and single hyphens only.
error-invalid-url = Use a full web address starting with https://.
error-invalid-date = Use a date in the form YYYY-MM-DD.
error-invalid-instant = Use a date and time in the form YYYY-MM-DDTHH:MM.
error-invalid-number = Use a whole number.
error-invalid-choice = Choose one of the options.
error-unknown-stakeholder-group = Choose a stakeholder group from the list.
error-end-before-start = The end must come after the start.
error-outside-window = This is outside the opening and closing instants.
error-duplicate = This is already taken.
error-not-found = This does not exist.
error-back-home = Back to the home page

## Error pages
status-400-title = Bad request
status-400-detail = The request could not be understood.
status-401-title = Sign-in required
status-401-detail = Please sign in to continue.
status-403-title = Not allowed
status-403-detail = Your account may not do this, or the form expired. Reload the page and try again.
status-404-title = Page not found
status-404-detail = There is nothing at this address.
status-405-title = Method not allowed
status-405-detail = This address does not accept this kind of request.
status-409-title = Conflict
status-409-detail = This cannot be done now: the record is in another state (for example, a job is still running).
status-413-title = Too large
status-413-detail = What you sent is larger than Agora accepts.
status-415-title = Unsupported format
status-415-detail = Send a form or JSON.
status-422-title = Invalid input
status-422-detail = Some fields need correcting.
status-429-title = Too many attempts
status-429-detail = Please wait a minute and try again.
status-500-title = Something went wrong
status-500-detail = The error was logged. Please try again later.

## Home
home-title = Multistakeholder processes
home-lead = Consultations, calls for proposals, meetings and reports, open to every stakeholder group.
home-open-now = Open now
home-nothing-open = No phase is open at the moment.
home-upcoming-events = Coming up
home-recent-events = Latest events
home-all-events = All events on the calendar

## Processes
process-new-title = New process
process-edit-title = Edit the process
process-members = Members
process-convenor = Convenor
process-mandate = Mandate
process-membership = Membership by stakeholder group
process-seats-caption = Seats per stakeholder group
process-total = Total
process-timeline = Timeline
process-timeline-caption = Phases, in the organiser's time zone
process-no-phases = No phases yet.
process-status = Status
process-events = Events
process-add-phase = Add a phase
phase-closes = Closes
phase-kind-consultation = Consultation
phase-kind-call-for-proposals = Call for proposals
phase-kind-review-and-selection = Review and selection
phase-kind-meeting = Meeting
phase-kind-drafting = Drafting
phase-kind-report = Report
phase-status-upcoming = Upcoming
phase-status-open = Open
phase-status-closed = Closed

## Consultations
consultation-list-title = Consultations
consultation-none = No consultations yet.
consultation-new-title = New consultation
consultation-eligibility-signed-in = Anyone with an account
consultation-eligibility-members = Members of the process only
field-eligibility = Who may answer
field-public_by_default = Publish answers unless their authors ask otherwise
field-on_behalf_allowed = People may answer on behalf of an organisation
consultation-questions = Questions
consultation-no-questions = No questions yet.
consultation-required = required
consultation-published-answers = Published answers
consultation-no-published-answers = No published answers yet.
consultation-sign-in-to-answer = Sign in to answer
consultation-members-only = Only members of this process may answer this consultation.
consultation-opens-at = This consultation opens at
consultation-closed-at = This consultation closed at
consultation-too-late = Your answers were not saved: the deadline has passed.
consultation-late-until = The secretariat gave you more time. You may answer until
consultation-you-submitted = You submitted your answers on
consultation-see-receipt = See your receipt
consultation-you-have-a-draft = You have a draft that is not submitted yet, saved on
consultation-resubmit-hint = You have submitted these answers. Submitting again before the deadline replaces them and keeps your receipt.
consultation-your-answers = Your answers
consultation-about-you = About you
consultation-about-you-hint = Published answers show these details and your answers, never your name or email address.
consultation-choose = Choose…
consultation-word-limit = At most { $limit } words.
consultation-several-choices = Tick all that apply.
consultation-scale-hint = 1 is the lowest, 5 the highest.
consultation-saved-draft = Draft saved. It is not submitted yet.
consultation-saved-question = Question added.
consultation-saved-late-window = Late window granted.
consultation-receipt-title = Your receipt
consultation-receipt-lead = Your answers were submitted. Keep this receipt code: it identifies your answers if you need to ask the secretariat about them.
consultation-edit-answers = Change your answers (until the deadline)
consultation-submitted-at = Submitted
consultation-language = Language
consultation-no-answer = No answer
consultation-answer-from = Answer from
consultation-on-behalf = on behalf of the organisation
consultation-add-question = Add a question
consultation-late-window = Give someone more time
consultation-late-window-intro = The account with this email address may answer until the given time, even after the closing instant.
field-organisation = Organisation
field-on_behalf = I answer on behalf of this organisation
field-lang = Language of your answers
field-public = Publish my answers
field-prompt = Question
field-question-kind = Type of answer
field-choices = Choices
hint-choices = One per line, for single- and multiple-choice questions.
field-word_limit = Word limit
hint-word_limit = For free-text questions; leave empty for no limit.
field-required = An answer is required
field-until = Answers accepted until
action-save-draft = Save draft
action-submit = Submit
question-kind-free-text = Free text
question-kind-single-choice = One choice
question-kind-multiple-choice = Several choices
question-kind-scale = Scale from 1 to 5

## Stakeholder groups
group-government = Government
group-private-sector = Private sector
group-civil-society = Civil society
group-technical-community = Technical community
group-academic-community = Academic community
group-intergovernmental-organisation = Intergovernmental organisation

## Regions (UN M49)
region-001 = World
region-002 = Africa
region-015 = Northern Africa
region-202 = Sub-Saharan Africa
region-011 = Western Africa
region-014 = Eastern Africa
region-017 = Middle Africa
region-018 = Southern Africa
region-019 = Americas
region-419 = Latin America and the Caribbean
region-029 = Caribbean
region-013 = Central America
region-005 = South America
region-021 = Northern America
region-142 = Asia
region-143 = Central Asia
region-030 = Eastern Asia
region-035 = South-eastern Asia
region-034 = Southern Asia
region-145 = Western Asia
region-150 = Europe
region-151 = Eastern Europe
region-154 = Northern Europe
region-039 = Southern Europe
region-155 = Western Europe
region-009 = Oceania
region-053 = Australia and New Zealand
region-054 = Melanesia
region-057 = Micronesia

## Calendar
calendar-feed = Calendar feed (iCalendar)
calendar-views = Calendar views
calendar-month-view = Month
calendar-list-view = List
calendar-new-title = New event
calendar-all-events = All events
calendar-empty = No events.
calendar-previous = Previous month
calendar-next = Next month
calendar-this-month = Events this month
calendar-month-heading = { $month } { $year }
event-website = Website
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Glossary
glossary-search-label = Search acronyms and expansions
glossary-new-title = New glossary entry
glossary-count = Entries found
glossary-other-languages = Other languages

## Directory
organisation-new-title = New organisation
organisation-people = People
organisation-no-people = No people listed.
person-new-title = New person

## Accounts
signin-title = Sign in
signin-failed = The email address or password is wrong.
signup-title = Create an account

## Administration
admin-audit-title = Audit log
admin-audit-caption = Every change, newest first
admin-accounts = Accounts
admin-roles = Roles
admin-grant = Grant a role
admin-scope-global = Everywhere
role-participant = Participant
role-reviewer = Reviewer
role-secretariat = Secretariat
role-admin = Administrator
audit-when = When
audit-who = Who
audit-what = What
audit-record = Record
audit-system = System
audit-before = Before
audit-after = After
