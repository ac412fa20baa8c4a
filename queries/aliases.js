// The names that were merged into each entity: its label and every alias.
g.addDefaultNamespaces();
g.V().has(g.IRI("schema:alternateName")).unique().tag("entity")
  .save(g.IRI("rdfs:label"), "name")
  .out(g.IRI("schema:alternateName")).tag("alias")
  .all();
