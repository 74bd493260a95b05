# Importer des réponses recueillies ailleurs (export d'un outil d'enquête, compilation dans un
# tableur) dans une consultation : dépôt du fichier, correspondance des colonnes, aperçu, résultat.

import-link = Importer des réponses depuis un fichier
import-title = Importer des réponses depuis un fichier
import-intro = Les réponses recueillies ailleurs s'ajoutent en trois étapes : déposer le fichier, indiquer ce que contient chaque colonne, vérifier l'aperçu. Rien n'est enregistré avant votre confirmation, et seulement si chaque ligne est correcte.
import-field-file = Fichier (CSV ou XLSX)
import-hint-file = La première ligne doit contenir les en-têtes des colonnes. { $size } Mio au plus.
import-field-encoding = Encodage du texte (CSV seulement)
import-hint-encoding = Seulement pour les fichiers CSV sans indicateur d'ordre des octets. La plupart des outils d'enquête écrivent en UTF-8.
import-encoding-auto = Automatique : UTF-8, ou ce qu'indique l'indicateur d'ordre des octets du fichier
import-encoding-latin1 = Latin-1 / Windows-1252 (anciens tableurs)
import-encoding-utf-16le = UTF-16 (« texte Unicode » des tableurs)
import-field-sheet = Feuille (XLSX seulement)
import-hint-sheet = Le nom de la feuille à lire ; laissez vide pour la première.
import-action-upload = Déposer et continuer
import-too-large = Ce fichier dépasse { $size } Mio, le maximum qu'Agora accepte en un dépôt. Découpez-le en plusieurs fichiers, ou importez-le en ligne de commande (agora import responses), qui n'a pas cette limite.

import-map-title = Importer des réponses : que contient chaque colonne
import-file-summary = { $file } : { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
} sous l'en-tête.
import-mapping-heading = Colonnes
import-map-intro = Les choix ci-dessous sont déduits des en-têtes des colonnes. Vérifiez-les, puis affichez l'aperçu de l'import : rien n'est encore enregistré.
import-sample = Les premières lignes du fichier
import-section-respondent = Qui a répondu
import-section-respondent-hint = Les réponses importées n'appartiennent à aucun compte. Le nom et l'adresse électronique restent avec les réponses pour le secrétariat et ne sont jamais publiés.
import-section-author = À propos des répondants
import-section-author-hint = Pour chaque élément, choisissez la colonne qui le donne, ou indiquez une valeur unique pour toutes les lignes. Le groupe de parties prenantes et la langue sont obligatoires.
import-section-answers = Réponses aux questions
import-section-translations = Groupes de parties prenantes dans le fichier
import-section-translations-hint = Le fichier nomme ces groupes à sa façon. Choisissez le groupe de parties prenantes que chacun désigne.
import-section-reading = Lecture du fichier
import-option-no-column = (absent du fichier)
import-option-keep = (garder tel quel)
import-same-value = { $target } : la même valeur pour toutes les lignes
import-target-name = Nom
import-target-email = Courriel
import-target-submitted-at = Date d'envoi
import-target-stakeholder-group = Groupe de parties prenantes
import-target-country = Pays
import-target-region = Région
import-target-organisation = Organisation
import-target-lang = Langue
import-target-question = Question { $n }
import-field-separator = Séparateur entre les choix
import-hint-separator = Dans les réponses aux questions à choix multiples, par exemple ; dans « Spam;Droits humains ».
import-field-timezone = Fuseau horaire des dates d'envoi
import-hint-timezone = Pour les heures écrites sans décalage, par exemple Europe/Zurich ou UTC.
import-action-preview = Afficher l'aperçu de l'import

import-preview-title = Aperçu
import-preview-summary = Lignes dans le fichier : { $rows }. Prêtes à importer : { $good }. Avec des erreurs : { $bad }.
import-fatal = Les colonnes choisies ne correspondent pas au fichier
import-preview-errors = Erreurs
import-preview-errors-lead = Rien n'est importé tant qu'une ligne comporte une erreur. Corrigez le fichier et déposez-le à nouveau, ou corrigez les colonnes ci-dessous, puis affichez à nouveau l'aperçu.
import-preview-errors-capped = Seules les { $count } premières erreurs sont listées ; la suite du fichier n'a pas été vérifiée.
import-column-row = Ligne
import-column-column = Colonne
import-column-target = Importé comme
import-column-reason = Problème
import-preview-rows = Les premières lignes telles qu'elles seront importées
import-preview-rows-more = { $count ->
    [one] Et une ligne de plus.
   *[other] Et { $count } lignes de plus.
}
import-commit-lead = { $count ->
    [one] La ligne est correcte. L'import l'enregistre comme une feuille de réponses envoyée.
   *[other] Chaque ligne est correcte. L'import les enregistre toutes les { $count } en une fois, chacune comme une feuille de réponses envoyée.
}
import-commit-public = Elles sont publiées, car cette consultation publie les réponses par défaut.
import-commit-private = Elles ne sont pas publiées : cette consultation ne publie pas les réponses par défaut.
import-action-commit = { $count ->
    [one] Importer une réponse
   *[other] Importer { $count } réponses
}
import-map-download = Télécharger ces colonnes en MAP.toml
import-cli-lead = Le même import en ligne de commande, avec ce fichier :

import-done-title = Réponses importées
import-done-lead = { $count ->
    [one] Une réponse a été importée dans cette consultation (import { $batch }).
   *[other] { $count } réponses ont été importées dans cette consultation (import { $batch }).
}
import-done-answers = Réponses publiées
import-done-consultation = Retour à la consultation
import-done-again = Importer un autre fichier

import-error-encoding = Ligne { $line } : le fichier n'est pas en { $encoding } valide. Choisissez son encodage (par exemple Latin-1) et déposez-le à nouveau, ou enregistrez-le en UTF-8.
import-error-csv = Ligne { $line } : le fichier ne peut pas être lu comme CSV ({ $message }).
import-error-ragged = Ligne { $line } : { $cells } cellules alors que l'en-tête en a { $expected }.
import-error-xlsx = Le classeur ne peut pas être lu ({ $message }).
import-error-no-such-sheet = Le classeur n'a pas de feuille nommée « { $sheet } ».
import-error-empty = Le fichier ne contient aucune ligne sous son en-tête.
import-error-map = La correspondance des colonnes n'est pas valide : { $message }
import-error-no-such-question = La correspondance des colonnes nomme la question { $position }, que ce questionnaire n'a pas.
import-error-no-such-zone = « { $zone } » n'est pas un fuseau horaire.
import-error-missing-column = Le fichier n'a pas de colonne « { $column } » (pour { $target }). Ses colonnes : { $available }.
import-error-rows = { $count ->
    [one] Une erreur dans les lignes du fichier ; rien n'a été importé.
   *[other] { $count } erreurs dans les lignes du fichier ; rien n'a été importé.
}

import-reason-required = Une valeur est requise.
import-reason-too-long = Plus de { $limit } caractères.
import-reason-too-many-words = Plus de { $limit } mots.
import-reason-invalid-choice = Ne fait pas partie des choix de la question (une échelle va de 1 à 5).
import-reason-invalid-country = N'est pas un code de pays ISO 3166 à deux lettres.
import-reason-invalid-region = N'est pas un code de région M49 de l'ONU.
import-reason-invalid-language = N'est pas une des langues de la consultation.
import-reason-unknown-stakeholder-group = N'est pas un groupe de parties prenantes de ce site ; choisissez le groupe qu'il désigne sous « Groupes de parties prenantes dans le fichier ».
import-reason-invalid-instant = N'est pas une date et heure.
import-reason-outside-window = En dehors des instants d'ouverture et de clôture de la consultation.
import-reason-invalid-email = N'est pas une adresse électronique.
