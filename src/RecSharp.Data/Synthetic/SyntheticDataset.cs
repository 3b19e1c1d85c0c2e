using RecSharp.Data.Schema;
using RecSharp.Data.Tables;

namespace RecSharp.Data.Synthetic;

/// <summary>Generated, already encoded rows with the feature and task descriptions a model needs.</summary>
/// <param name="Table">The encoded rows and labels.</param>
/// <param name="Features">One description per feature array, in table order.</param>
/// <param name="Tasks">One description per label column, in table order.</param>
public sealed record SyntheticDataset(ColumnarTable Table, IReadOnlyList<FeatureDescription> Features,
    IReadOnlyList<TaskDescription> Tasks);
