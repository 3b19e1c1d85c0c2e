using System.Reflection;

namespace RecSharp.Catalog;

/// <summary>
/// One key of a model's <c>model</c> section, as its options record declares it: name, value type, default and
/// the rules a value must meet.
/// </summary>
/// <param name="Name">The camelCase name (the options property's name with a lower-case first letter).</param>
/// <param name="Kind">The value type.</param>
/// <param name="Default">The value when the key is not given.</param>
public sealed record ModelParameter(string Name, ModelParameterKind Kind, object? Default)
{
    /// <summary>The smallest value a number or an integer may take, if any.</summary>
    public double? Minimum { get; init; }

    /// <summary>The bound a number must stay below, if any.</summary>
    public double? ExclusiveMaximum { get; init; }

    /// <summary>Whether a list must hold at least one item.</summary>
    public bool NonEmpty { get; init; }

    /// <summary>The values a text may take (compared ignoring case), if limited to a list.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>The regular expression a text must match, if any.</summary>
    public string? Pattern { get; init; }

    /// <summary>What <see cref="Pattern"/> accepts, in words (e.g. <c>cpu, cuda, cuda:N or auto</c>).</summary>
    public string? PatternText { get; init; }

    /// <summary>The options property the value is bound to.</summary>
    internal PropertyInfo Property { get; init; } = null!;
}
