// Model initialisation and dropout draw from libtorch's process-wide random generator, so tests that seed it must
// not run concurrently with tests that draw from it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
