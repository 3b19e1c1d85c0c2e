// The tests train models, start servers and load the machine with requests: one at a time keeps them fair to each
// other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
