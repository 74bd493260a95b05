"""pretalx's side of bench/pretalx-compare.sh: the proposals Agora was given, imported into a
pretalx event, then the programme Agora chose published with pretalx.

Runs inside pretalx's own Django (pretalx.settings, the configuration file named by
$PRETALX_CONFIG_FILE: SQLite in a throwaway data folder, migrated beforehand). Nothing goes
over HTTP: pretalx has no bulk import of proposals (its REST API creates them one request at a
time, then one more request per speaker), so each proposal is created the way its organiser
page "add a proposal" does it
(`orga.views.submission.SubmissionContent.form_valid`): the Submission saved, its custom-question
answers saved, the creation logged, then `invite_speaker` (2025: `Submission.add_speaker`) for
every person, which
creates the account on first sight (with its speaker profile) and queues the invitation mail.
Each proposal is one transaction, as one request would be. What Agora records about people
(organisation, stakeholder group, region, gender) pretalx has no fields for; they become
answers to speaker questions, and the policy questions an answer to a proposal question.

Publishing: pretalx has no balanced selection and no automatic timetable, so the script takes
Agora's: the same 150 proposals are accepted (`Submission.accept`, which queues the acceptance
mail) and confirmed on the speakers' behalf (`confirm`, without which pretalx leaves a talk out of
the released schedule), the other proposals rejected (`reject`, queues the rejection mail), the
same 12 rooms created, each talk's slot placed where Agora's timetable put it, the schedule
released (`freeze_schedule`, without speaker notifications), and the frab XML rendered by the
exporter class behind /schedule/export/schedule.xml (`FrabXmlExporter`).

usage: python pretalx_compare.py WORK
  reads WORK/proposals.json and WORK/agora-programme.json, writes WORK/pretalx-schedule.xml
  and prints "pretalx-seconds import S publish S cpu-import S cpu-publish S" last (wall-clock
  seconds, then this process's CPU seconds).
"""

import datetime as dt
import json
import os
import re
import sys
import time
import zoneinfo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pretalx.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402
from pretalx.event.models import Event, Organiser, Team  # noqa: E402
from pretalx.person.models import User  # noqa: E402
from pretalx.schedule.models import Room, TalkSlot  # noqa: E402
from pretalx.submission.models import (  # noqa: E402
    Answer,
    Question,
    Submission,
    SubmissionType,
    Track,
)

# pretalx 2026 moved the services out of the models (the `domain` modules) and made a speaker's
# answers hang on their event profile; 2025 (the newest release for Python < 3.13) has the
# model methods. The same steps either way.
try:
    from pretalx.event.domain.event import create_event
    from pretalx.schedule.domain.release import freeze_schedule
    from pretalx.schedule.interfaces.exporters import FrabXmlExporter
    from pretalx.submission.domain.submission import invite_speaker

    ANSWERER = "speaker"
except ImportError:
    from pretalx.schedule.exporters import FrabXmlExporter

    def create_event(*, organiser, locales, user, **fields):
        return Event.objects.create(organiser=organiser, **fields)

    def invite_speaker(submission, *, email, name, user):
        return submission.add_speaker(email=email, name=name, user=user)

    def freeze_schedule(schedule, name, user, notify_speakers):
        return schedule.freeze(name, user=user, notify_speakers=notify_speakers)

    ANSWERER = "person"

SPEAKER_QUESTIONS = [
    ("organisation", "Organisation"),
    ("stakeholder_group", "Stakeholder group"),
    ("region", "Region (UN M49)"),
    ("gender", "Gender"),
]


def email_of(name):
    """A person's address: Agora's proposals carry names only, and they are distinct."""
    return re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".") + "@example.org"


def set_up(proposals, programme):
    """The organiser, its team, the event over Agora's days, its tracks (themes), submission
    types (formats) and questions. Not timed: Agora's call is set up outside the timing too."""
    organiser = Organiser.objects.create(name="IGF Secretariat", slug="igf")
    orga = User.objects.create_user(email="secretariat@example.org", password="bench-only", name="Secretariat")
    team = Team.objects.create(
        organiser=organiser, name="Programme", all_events=True, can_create_events=True,
        can_change_submissions=True, can_change_event_settings=True,
    )
    team.members.add(orga)
    days = programme["days"]
    # Agora's instance has a fixed offset of UTC+1: Africa/Lagos keeps it all year.
    zone = "Africa/Lagos" if programme["utc_offset_minutes"] == 60 else "UTC"
    event = create_event(
        organiser=organiser, locales=["en"], user=orga, name="Synthetic IGF", slug="igf2026",
        timezone=zone, date_from=dt.date.fromisoformat(days[0]),
        date_to=dt.date.fromisoformat(days[-1]), email="secretariat@example.org", locale="en",
    )
    tracks = {name: Track.objects.create(event=event, name=name) for name in proposals["themes"]}
    types = {
        f["name"]: SubmissionType.objects.create(event=event, name=f["name"], default_duration=f["minutes"])
        for f in proposals["formats"]
    }
    questions = {
        key: Question.objects.create(event=event, question=label, target="speaker", variant="string")
        for key, label in SPEAKER_QUESTIONS
    }
    questions["policy_questions"] = Question.objects.create(
        event=event, question="Policy questions", target="submission", variant="text"
    )
    return event, orga, tracks, types, questions


def import_one(event, orga, tracks, types, questions, body, seen):
    with transaction.atomic():
        submission = Submission(
            event=event, title=body["title"], abstract=body["description"],
            submission_type=types[body["format"]], track=tracks[body["theme"]],
            state="submitted", content_locale="en",
        )
        submission.save()
        Answer.objects.create(question=questions["policy_questions"], submission=submission,
                              answer=body["policy_questions"])
        submission.log_action(".create", person=orga, orga=True)
        for person in body["people"]:
            email = email_of(person["name"])
            speaker = invite_speaker(submission, email=email, name=person["name"], user=orga)
            if email not in seen:
                seen.add(email)
                for key, _ in SPEAKER_QUESTIONS:
                    if person.get(key):
                        Answer.objects.create(question=questions[key], answer=person[key], **{ANSWERER: speaker})
        return submission


def publish(event, orga, submissions, programme):
    placements = {p["session"]: p for p in programme["placements"]}
    for key, submission in submissions.items():
        if key in placements:
            submission.accept(person=orga)
            submission.confirm(person=orga, orga=True)
        else:
            submission.reject(person=orga)
    rooms = {
        r["id"]: Room.objects.create(event=event, name=r["name"], capacity=r["capacity"], position=i)
        for i, r in enumerate(programme["rooms"])
    }
    slots = {s["id"]: s for s in programme["slots"]}
    zone = zoneinfo.ZoneInfo(str(event.timezone))
    for key, placed in placements.items():
        slot = slots[placed["slot"]]
        day = dt.date.fromisoformat(programme["days"][slot["day"]])
        start = dt.datetime.combine(day, dt.time.fromisoformat(slot["start"]), tzinfo=zone)
        talk = TalkSlot.objects.get(submission=submissions[key], schedule=event.wip_schedule)
        talk.room = rooms[placed["room"]]
        talk.start = start
        talk.end = start + dt.timedelta(minutes=submissions[key].get_duration())
        talk.save()
    released, _ = freeze_schedule(event.wip_schedule, "1.0", user=orga, notify_speakers=False)
    return FrabXmlExporter(event, schedule=released).get_data()


def main(work):
    with open(f"{work}/proposals.json") as f:
        proposals = json.load(f)
    with open(f"{work}/agora-programme.json") as f:
        programme = json.load(f)
    with scopes_disabled():
        event, orga, tracks, types, questions = set_up(proposals, programme)
        started, cpu = time.perf_counter(), time.process_time()
        seen = set()
        submissions = {
            entry["key"]: import_one(event, orga, tracks, types, questions, entry["body"], seen)
            for entry in proposals["proposals"]
        }
        importing, importing_cpu = time.perf_counter() - started, time.process_time() - cpu
        started, cpu = time.perf_counter(), time.process_time()
        xml = publish(event, orga, submissions, programme)
        publishing, publishing_cpu = time.perf_counter() - started, time.process_time() - cpu
        with open(f"{work}/pretalx-schedule.xml", "w") as f:
            f.write(xml)
        accepted = Submission.objects.filter(event=event, state="confirmed").count()
        talks = xml.count("<event ")
        mails = event.queued_mails.count()
        speakers = User.objects.filter(profiles__event=event).distinct().count()
    n = len(submissions)
    print(f"pretalx, SQLite, {n} proposals, {speakers} speakers, in process (Django ORM, no HTTP)")
    print(f"{'step':<58} {'seconds':>10} {'CPU s':>8}")
    print(f"{f'import ({n / importing:.1f} proposals/s)':<58} {importing:>10.3f} {importing_cpu:>8.3f}")
    print(f"{f'publish ({accepted} confirmed, {talks} talks in the frab XML)':<58} {publishing:>10.3f} "
          f"{publishing_cpu:>8.3f}")
    print(f"mails queued by pretalx: {mails}; frab XML {len(xml.encode())} bytes")
    print(f"pretalx-seconds import {importing:.3f} publish {publishing:.3f} "
          f"cpu-import {importing_cpu:.3f} cpu-publish {publishing_cpu:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
