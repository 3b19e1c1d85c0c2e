namespace RecSharp.Catalog;

/// <summary>
/// Marks an options property that is not a key of the <c>model</c> section, saying where its value comes from.
/// </summary>
/// <param name="source">Where the value comes from, e.g. <c>the tasks section</c>.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SetElsewhereAttribute(string source) : Attribute
{
    /// <summary>Where the value comes from.</summary>
    public string Source { get; } = source;
}
