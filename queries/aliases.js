// The names that were merged into each entity: its label and every alias.
g.addDefaultNamespaces();
g.V(g.IRI("schema:Person"), g.IRI("schema:Organization"), g.IRI("schema:Place"), g.IRI("schema:Event"), g.IRI("schema:Thing"))
  .in(g.IRI("rdf:type")).unique().has(g.IRI("schema:alternateName")).tag("entity")
  .save(g.IRI("rdfs:label"), "name")
  .out(g.IRI("schema:alternateName")).tag("alias")
  .all();
