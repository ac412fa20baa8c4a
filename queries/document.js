// The facts of one document, in sentence order, by document id (the file name without extension).
// @param id my-article
g.addDefaultNamespaces();
g.V(g.IRI("doc:" + params.id))
  .in(g.IRI("kg:inDocument")).tag("sentence")
  .save(g.IRI("kg:index"), "n")
  .in(g.IRI("kg:sentence"))
  .save(g.IRI("kg:subject"), "subject")
  .save(g.IRI("kg:predicate"), "predicate")
  .save(g.IRI("kg:object"), "object")
  .all();
