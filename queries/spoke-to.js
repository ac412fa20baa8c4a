// Who spoke to whom: facts whose verb is speak, talk, meet, call or phone, with the sentence behind each.
g.addDefaultNamespaces();
var facts = g.V("speak", "talk", "meet", "call", "phone", "telephone")
  .in(g.IRI("kg:lemma"))
  .in(g.IRI("kg:predicate"));
facts
  .save(g.IRI("kg:subject"), "subject")
  .save(g.IRI("kg:predicate"), "predicate")
  .save(g.IRI("kg:object"), "object")
  .out(g.IRI("kg:sentence"))
  .save(g.IRI("kg:text"), "evidence")
  .all();
