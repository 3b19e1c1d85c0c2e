// The dry runs set libtorch's thread count and seed its process-wide generator, so the tests of this assembly run one
// at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
