# A consultation's public statistics, and the charts of counts they share with the workspace.
statistics-title = Statistics
statistics-sheets-handed-in = answer sheets handed in.
statistics-what-counts = Every sheet handed in is counted, published or not, except sheets the secretariat hid (for example answers submitted in someone's name without their consent).
statistics-by-group = Answer sheets by stakeholder group
statistics-by-region = Answer sheets by region
statistics-by-lang = Answer sheets by language
chart-nothing-to-count = nothing to count yet.
