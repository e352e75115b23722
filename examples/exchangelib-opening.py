"""Replay the opening sequence of exchangelib (Python, Debian's python3-exchangelib) against pgsim's mock Exchange.

    /usr/bin/python3 examples/exchangelib-opening.py READY_JSON

READY_JSON is the file `pgsim mock-exchange --ready-file` writes. Prints one JSON line per step:
{"step": ..., "ok": true, ...facts}; exits non-zero at the first step that fails. The default organization's
account and mailboxes are used unless EWS_USER, EWS_PASSWORD, EWS_MAILBOX_A, EWS_MAILBOX_B name others;
EWS_DAY (YYYY-MM-DD, default today UTC) is the day viewed, EWS_FIND a subject substring to search for.
"""

import datetime
import json
import socket
import sys

ready = json.load(open(sys.argv[1]))
servers = {s["fqdn"]: s["ip"] for s in ready["servers"]}
ex1 = ready["servers"][0]

# The lab's host names are not in DNS: resolve them as the mock's ready file says.
_getaddrinfo = socket.getaddrinfo


def lab_getaddrinfo(host, *args, **kwargs):
    return _getaddrinfo(servers.get(host, host), *args, **kwargs)


socket.getaddrinfo = lab_getaddrinfo

import os  # noqa: E402

USER = os.environ.get("EWS_USER", "svc-imp")
PASSWORD = os.environ.get("EWS_PASSWORD", "Imp-Passw0rd")
MAILBOX_A = os.environ.get("EWS_MAILBOX_A", "alice@example.test")
MAILBOX_B = os.environ.get("EWS_MAILBOX_B", "bob@example.test")
FIND = os.environ.get("EWS_FIND", "stand-up")
os.environ["REQUESTS_CA_BUNDLE"] = ready["caFile"]

from exchangelib import (  # noqa: E402
    BASIC,
    IMPERSONATION,
    Account,
    CalendarItem,
    Configuration,
    Credentials,
    EWSDateTime,
    EWSTimeZone,
)
from exchangelib.properties import EWS_ID, ENTRY_ID, AlternateId  # noqa: E402
from exchangelib.protocol import BaseProtocol  # noqa: E402

BaseProtocol.RETRY_WAIT = 0


def step(step_name, **facts):
    print(json.dumps({"step": step_name, "ok": True, **facts}), flush=True)


config = Configuration(
    service_endpoint=ex1["ewsUrl"],
    credentials=Credentials(USER, PASSWORD),
    auth_type=BASIC,
)
alice = Account(MAILBOX_A, config=config, autodiscover=False, access_type=IMPERSONATION)
step("version", build=str(alice.version.build), api=alice.version.api_version)

root = alice.root
step("GetFolder root", display_name=root.name, children=root.child_folder_count)

names = sorted(f.name for f in root.walk())
step("FindFolder Deep from root", count=len(names), names=names)

wellknown = {
    "calendar": alice.calendar,
    "contacts": alice.contacts,
    "inbox": alice.inbox,
    "outbox": alice.outbox,
    "sentitems": alice.sent,
    "deleteditems": alice.trash,
    "drafts": alice.drafts,
    "junkemail": alice.junk,
    "tasks": alice.tasks,
    "notes": alice.notes,
    "journal": alice.journal,
    "conversationhistory": alice.conversation_history,
}
step("GetFolder well-known", folders={k: [f.name, f.folder_class] for k, f in wellknown.items()})

zones = list(alice.protocol.get_timezones(return_full_timezone_data=True))
step("GetServerTimeZones", count=len(zones), ids=sorted(z.id for z in zones))

calendar = alice.calendar
entry_id = list(
    alice.protocol.convert_ids([AlternateId(id=calendar.id, format=EWS_ID, mailbox=MAILBOX_A)], ENTRY_ID)
)[0]
back = list(alice.protocol.convert_ids([AlternateId(id=entry_id.id, format=ENTRY_ID, mailbox=MAILBOX_A)], EWS_ID))[0]
step("ConvertId", format=entry_id.format, roundtrip=back.id == calendar.id)

tz = EWSTimeZone("UTC")
start = EWSDateTime(2000, 1, 1, tzinfo=tz)
end = EWSDateTime(2035, 12, 31, tzinfo=tz)
now = datetime.date.fromisoformat(os.environ["EWS_DAY"]) if "EWS_DAY" in os.environ else datetime.date.today()
day = EWSDateTime(now.year, now.month, now.day, tzinfo=tz)
view = list(calendar.view(start=day - datetime.timedelta(days=1), end=day + datetime.timedelta(days=2)))
step("CalendarView", count=len(view), subjects=sorted(i.subject for i in view))

items = list(calendar.all())
full = alice.fetch(ids=[items[0]]) if items else []
full = [i for i in full]
step("GetItem AllProperties", subject=full[0].subject if full else None, count=len(items))

bob = Account(MAILBOX_B, config=config, autodiscover=False, access_type=IMPERSONATION)
fb = list(
    alice.protocol.get_free_busy_info(
        accounts=[(alice, "Organizer", False), (bob, "Required", False)],
        start=day,
        end=day + datetime.timedelta(days=1),
    )
)
step("GetUserAvailability two mailboxes", views=[v.view_type for v in fb], events=[len(v.calendar_events or []) for v in fb])

pull_id, watermark = calendar.subscribe_to_pull()
streaming_id = calendar.subscribe_to_streaming()
created = CalendarItem(
    account=alice,
    folder=calendar,
    subject="exchangelib opening sequence",
    start=day + datetime.timedelta(hours=30),
    end=day + datetime.timedelta(hours=31),
)
created.save()
step("CreateItem", id=bool(created.id))

pulled = [type(e).__name__ for n in calendar.get_events(subscription_id=pull_id, watermark=watermark) for e in n.events]
step("pull subscription", events=sorted(set(pulled)))

streamed = []
for notification in calendar.get_streaming_events(streaming_id, connection_timeout=1, max_notifications_returned=1):
    streamed.extend(type(e).__name__ for e in notification.events)
step("streaming subscription", events=sorted(set(streamed)))
calendar.unsubscribe(pull_id)
calendar.unsubscribe(streaming_id)

created.delete()
step("DeleteItem", remaining=calendar.filter(subject="exchangelib opening sequence").count())

since = calendar.filter(start__lt=day + datetime.timedelta(days=2), subject__contains=FIND)
step("FindItem with a restriction", subjects=sorted(i.subject for i in since))

synced = [change for change, item in calendar.sync_items(sync_state=None)]
step("SyncFolderItems", changes=sorted(set(synced)), count=len(synced))
hierarchy = [change for change, folder in alice.root.sync_hierarchy()]
step("SyncFolderHierarchy", changes=sorted(set(hierarchy)), count=len(hierarchy))
