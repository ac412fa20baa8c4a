// Who acts on whom among people, organisations and places: source and target of every fact between named entities (for the UI's Visualize page).
g.addDefaultNamespaces();
var named = g.V(g.IRI("schema:Person"), g.IRI("schema:Organization"), g.IRI("schema:Place")).in(g.IRI("rdf:type"));
named.tag("source")
  .in(g.IRI("kg:subject")).save(g.IRI("kg:predicate"), "predicate")
  .out(g.IRI("kg:object")).intersect(named).tag("target")
  .all();
