namespace RecSharp.Features;

/// <summary>
/// A column of model input: a name and how its values become part of the network's input vector.
/// Columns are immutable descriptions; they hold no tensors or modules.
/// </summary>
public abstract record FeatureColumn
{
    /// <summary>Creates a column, validating its name.</summary>
    protected FeatureColumn(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("a feature column needs a non-empty name", nameof(name));
        Name = name;
    }

    /// <summary>The feature's name: the key of its values in the input.</summary>
    public string Name { get; }

    /// <summary>How many input values one row of this column occupies in the reference's flat input layout.</summary>
    public abstract int Width { get; }
}
