namespace RecSharp.Catalog;

/// <summary>The value type a model hyper-parameter accepts.</summary>
public enum ModelParameterKind
{
    /// <summary>A whole number, stored as <see cref="int"/>.</summary>
    Integer,

    /// <summary>A real number, stored as <see cref="double"/>.</summary>
    Number,

    /// <summary>true or false, stored as <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>Text, stored as <see cref="string"/>.</summary>
    Text,

    /// <summary>A list of positive whole numbers (layer widths), stored as <c>IReadOnlyList&lt;int&gt;</c>.</summary>
    IntegerList,
}
