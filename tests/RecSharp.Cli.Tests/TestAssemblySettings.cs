// The commands run in process share libtorch's random generator and thread count and the process's signal handlers,
// so one test runs at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
