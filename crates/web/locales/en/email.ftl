## Email: receipts and deadline reminders (plain text), and what the pages say about email.

email-receipt-subject = Receipt { $code }: { $consultation }
email-receipt-intro = Your answers to “{ $consultation }” ({ $process }) were received on { $at }.
email-receipt-code = Your receipt code: { $code }
email-receipt-keep = Keep it: it shows that you answered, and the secretariat can find your answers with it.
email-receipt-edit = Until { $until } you may change your answers and submit them again; each submission is confirmed by email, with the same receipt code.
email-receipt-copy = What you submitted:
email-no-answer = (no answer)
email-reminder-subject = Reminder: “{ $consultation }” closes on { $closes }
email-reminder-intro = Your answers to “{ $consultation }” ({ $process }) are saved as a draft: they have not been submitted.
email-reminder-deadline = The consultation closes on { $closes }. A draft is not counted: open the consultation and submit your answers before then.
email-accepted-subject = Accepted: “{ $title }”
email-accepted-body = Your proposal “{ $title }”, sent to “{ $call }” ({ $process }), has been accepted into the programme. The secretariat will tell you its day, time and room when the timetable is published.
email-declined-subject = Not selected: “{ $title }”
email-declined-body = Your proposal “{ $title }”, sent to “{ $call }” ({ $process }), has not been selected for the programme. Thank you for proposing it; the committee received more proposals than the programme has room for.
email-footer = Sent automatically by Agora; replies to this address are not read.
email-off-note = Email is off on this site: keep your receipt code; no email will be sent.
email-answer-sent-to = When you submit, a receipt will be sent by email to { $email }.
email-receipt-sent-to = A copy of this receipt is sent by email to { $email }.

## The administration page

admin-mail-title = Email
admin-mail-on = Email is on: messages are sent through { $server } from { $from }.
admin-mail-off = Email is off: no SMTP server is configured, so messages are written to the server log instead of being sent.
admin-mail-reminders = Authors of drafts are reminded { $hours } h before a consultation closes.
admin-mail-no-reminders = Deadline reminders are off.
admin-mail-outbox = Outbox
admin-mail-state = State
admin-mail-count = Messages
admin-mail-last-error = Latest error:
outbox-state-queued = Queued
outbox-state-sent = Sent
outbox-state-logged = Written to the log
outbox-state-failed = Failed
