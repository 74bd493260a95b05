## Correo electrónico: acuses de recibo y recordatorios de plazo (texto sin formato), y lo que dicen las páginas sobre el correo.

email-receipt-subject = Acuse de recibo { $code }: { $consultation }
email-receipt-intro = Sus respuestas a «{ $consultation }» ({ $process }) se recibieron el { $at }.
email-receipt-code = Su código de acuse de recibo: { $code }
email-receipt-keep = Consérvelo: demuestra que respondió, y la secretaría puede encontrar sus respuestas con él.
email-receipt-edit = Hasta el { $until } puede modificar sus respuestas y volver a enviarlas; cada envío se confirma por correo electrónico, con el mismo código.
email-receipt-copy = Lo que envió:
email-no-answer = (sin respuesta)
email-reminder-subject = Recordatorio: «{ $consultation }» se cierra el { $closes }
email-reminder-intro = Sus respuestas a «{ $consultation }» ({ $process }) están guardadas como borrador: no se han enviado.
email-reminder-deadline = La consulta se cierra el { $closes }. Un borrador no cuenta: abra la consulta y envíe sus respuestas antes de esa fecha.
email-accepted-subject = Aceptada: «{ $title }»
email-accepted-body = Su propuesta «{ $title }», enviada a «{ $call }» ({ $process }), ha sido aceptada en el programa. La secretaría le comunicará el día, la hora y la sala cuando se publique el calendario.
email-declined-subject = No seleccionada: «{ $title }»
email-declined-body = Su propuesta «{ $title }», enviada a «{ $call }» ({ $process }), no ha sido seleccionada para el programa. Gracias por presentarla; el comité recibió más propuestas de las que caben en el programa.
email-footer = Enviado automáticamente por Agora; las respuestas a esta dirección no se leen.
email-off-note = El correo electrónico está desactivado en este sitio: conserve su código de acuse de recibo; no se enviará ningún correo.
email-answer-sent-to = Cuando envíe sus respuestas, se enviará un acuse de recibo por correo electrónico a { $email }.
email-receipt-sent-to = Se envía una copia de este acuse de recibo por correo electrónico a { $email }.

## La página de administración

admin-mail-title = Correo electrónico
admin-mail-on = El correo electrónico está activado: los mensajes se envían a través de { $server } desde { $from }.
admin-mail-off = El correo electrónico está desactivado: no hay ningún servidor SMTP configurado, por lo que los mensajes se escriben en el registro del servidor en lugar de enviarse.
admin-mail-reminders = Los autores de borradores reciben un recordatorio { $hours } h antes del cierre de una consulta.
admin-mail-no-reminders = Los recordatorios de plazo están desactivados.
admin-mail-outbox = Bandeja de salida
admin-mail-state = Estado
admin-mail-count = Mensajes
admin-mail-last-error = Último error:
outbox-state-queued = En espera
outbox-state-sent = Enviados
outbox-state-logged = Escritos en el registro
outbox-state-failed = Fallidos
