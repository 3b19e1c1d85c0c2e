namespace RecSharp.Data.Configuration;

/// <summary>The one spelling of each <see cref="ModelType"/>: the name an experiment's <c>model.type</c>
/// takes.</summary>
public static class ModelTypes
{
    /// <summary>The type's name in lower case: <c>ple</c>, <c>cgc</c>, <c>mmoe</c>, <c>sharedbottom</c>,
    /// <c>esmm</c>.</summary>
    public static string Name(this ModelType type) => type.ToString().ToLowerInvariant();
}
