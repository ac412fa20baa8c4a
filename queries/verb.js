// Every fact whose verb has one lemma, whatever its form ("spoke-to", "speaks-with"): find facts by what happened.
// @param lemma fire
g.addDefaultNamespaces();
g.V(params.lemma).in(g.IRI("kg:lemma")).in(g.IRI("kg:predicate"))
  .save(g.IRI("kg:subject"), "subject")
  .save(g.IRI("kg:predicate"), "predicate")
  .save(g.IRI("kg:object"), "object")
  .out(g.IRI("kg:sentence")).save(g.IRI("kg:text"), "evidence")
  .all();
