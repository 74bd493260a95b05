## 电子邮件：回执和截止提醒（纯文本），以及页面上关于电子邮件的说明。

email-receipt-subject = 回执 { $code }：{ $consultation }
email-receipt-intro = 您对“{ $consultation }”（{ $process }）的答复已于 { $at } 收到。
email-receipt-code = 您的回执编号：{ $code }
email-receipt-keep = 请妥善保存：它证明您已作答，秘书处也可凭此编号找到您的答复。
email-receipt-edit = 在 { $until } 之前，您可以修改答复并再次提交；每次提交都会通过电子邮件确认，回执编号不变。
email-receipt-copy = 您提交的内容：
email-no-answer = （未作答）
email-reminder-subject = 提醒：“{ $consultation }”将于 { $closes } 截止
email-reminder-intro = 您对“{ $consultation }”（{ $process }）的答复已保存为草稿，尚未提交。
email-reminder-deadline = 本次磋商将于 { $closes } 截止。草稿不计入：请在截止前打开磋商页面并提交答复。
email-accepted-subject = 已接受：“{ $title }”
email-accepted-body = 您提交给“{ $call }”（{ $process }）的提案“{ $title }”已被列入议程。日程公布后，秘书处将告知您具体日期、时间和会议室。
email-declined-subject = 未入选：“{ $title }”
email-declined-body = 您提交给“{ $call }”（{ $process }）的提案“{ $title }”未被列入议程。感谢您的提案；委员会收到的提案多于议程所能容纳的数量。
email-footer = 本邮件由 Agora 自动发送；发往此地址的回复无人阅读。
email-off-note = 本网站未启用电子邮件：请保存您的回执编号；系统不会发送任何电子邮件。
email-answer-sent-to = 提交后，回执将通过电子邮件发送至 { $email }。
email-receipt-sent-to = 本回执的副本已通过电子邮件发送至 { $email }。

## 管理页面

admin-mail-title = 电子邮件
admin-mail-on = 电子邮件已启用：邮件通过 { $server } 以 { $from } 的名义发送。
admin-mail-off = 电子邮件未启用：未配置 SMTP 服务器，因此邮件被写入服务器日志而不发送。
admin-mail-reminders = 在磋商截止前 { $hours } 小时提醒草稿作者。
admin-mail-no-reminders = 截止提醒已关闭。
admin-mail-outbox = 发件箱
admin-mail-state = 状态
admin-mail-count = 邮件数
admin-mail-last-error = 最近的错误：
outbox-state-queued = 排队中
outbox-state-sent = 已发送
outbox-state-logged = 已写入日志
outbox-state-failed = 失败
