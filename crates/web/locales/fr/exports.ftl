# Données ouvertes : téléchargement des réponses d’une consultation.
exports-download-published = Télécharger les réponses publiées :
exports-download-all = Télécharger toutes les réponses, y compris confidentielles et masquées (secrétariat uniquement) :
exports-column-map = correspondance des colonnes pour réimporter
exports-spreadsheet-hint = Pour un tableur, prenez XLSX. Le fichier CSV garde chaque réponse exactement telle qu’elle a été écrite : un tableur qui l’ouvre peut donc prendre pour une formule une réponse commençant par « = ».
exports-cell-too-long = Dans la feuille de réponses { $sheet }, « { $column } » dépasse ce qu’une cellule de tableur peut contenir (32 767 caractères). Téléchargez plutôt le fichier CSV ou JSON : ils conservent chaque réponse en entier.
exports-too-many-rows = Il y a plus de réponses qu’une feuille de calcul n’a de lignes (1 048 576). Téléchargez plutôt le fichier CSV ou JSON.
