// The documents in the graph: id, headline, publication date and source file.
g.addDefaultNamespaces();
g.V(g.IRI("schema:NewsArticle")).in(g.IRI("rdf:type")).tag("document")
  .saveOpt(g.IRI("schema:headline"), "headline")
  .saveOpt(g.IRI("schema:datePublished"), "date")
  .saveOpt(g.IRI("kg:source"), "source")
  .all();
