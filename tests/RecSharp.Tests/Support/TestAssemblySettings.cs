// Model initialisation and dropout draw from libtorch's process-wide random generator, so tests that seed it must
// not run concurrently with tests that draw from it: every test class belongs to the assembly's one collection, whose
// tests run one at a time, unless it names a collection. The child-process collection (tests that run only other
// processes: builds, packs, the quick start) runs beside it; the census collection runs alone after both.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
