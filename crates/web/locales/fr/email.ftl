## Courriel : accusés de réception et rappels d’échéance (texte brut), et ce que les pages disent du courriel.

email-receipt-subject = Accusé de réception { $code } : { $consultation }
email-receipt-intro = Vos réponses à « { $consultation } » ({ $process }) ont été reçues le { $at }.
email-receipt-code = Votre code d’accusé de réception : { $code }
email-receipt-keep = Conservez-le : il atteste que vous avez répondu, et le secrétariat peut retrouver vos réponses grâce à lui.
email-receipt-edit = Jusqu’au { $until }, vous pouvez modifier vos réponses et les soumettre à nouveau ; chaque soumission est confirmée par courriel, avec le même code.
email-receipt-copy = Ce que vous avez soumis :
email-no-answer = (pas de réponse)
email-reminder-subject = Rappel : « { $consultation } » se termine le { $closes }
email-reminder-intro = Vos réponses à « { $consultation } » ({ $process }) sont enregistrées comme brouillon : elles n’ont pas été soumises.
email-reminder-deadline = La consultation se termine le { $closes }. Un brouillon n’est pas pris en compte : ouvrez la consultation et soumettez vos réponses d’ici là.
email-accepted-subject = Retenue : « { $title } »
email-accepted-body = Votre proposition « { $title } », envoyée à « { $call } » ({ $process }), a été retenue au programme. Le secrétariat vous indiquera le jour, l’heure et la salle lorsque le calendrier sera publié.
email-declined-subject = Non retenue : « { $title } »
email-declined-body = Votre proposition « { $title } », envoyée à « { $call } » ({ $process }), n’a pas été retenue au programme. Merci de l’avoir proposée ; le comité a reçu plus de propositions que le programme ne peut en accueillir.
email-footer = Message envoyé automatiquement par Agora ; les réponses à cette adresse ne sont pas lues.
email-off-note = Le courriel est désactivé sur ce site : conservez votre code d’accusé de réception ; aucun courriel ne sera envoyé.
email-answer-sent-to = Lorsque vous soumettrez vos réponses, un accusé de réception sera envoyé par courriel à { $email }.
email-receipt-sent-to = Une copie de cet accusé de réception est envoyée par courriel à { $email }.

## La page d’administration

admin-mail-title = Courriel
admin-mail-on = Le courriel est activé : les messages sont envoyés par { $server } depuis { $from }.
admin-mail-off = Le courriel est désactivé : aucun serveur SMTP n’est configuré, les messages sont donc écrits dans le journal du serveur au lieu d’être envoyés.
admin-mail-reminders = Les auteurs de brouillons reçoivent un rappel { $hours } h avant la clôture d’une consultation.
admin-mail-no-reminders = Les rappels d’échéance sont désactivés.
admin-mail-outbox = Boîte d’envoi
admin-mail-state = État
admin-mail-count = Messages
admin-mail-last-error = Dernière erreur :
outbox-state-queued = En attente
outbox-state-sent = Envoyés
outbox-state-logged = Écrits dans le journal
outbox-state-failed = Échoués
