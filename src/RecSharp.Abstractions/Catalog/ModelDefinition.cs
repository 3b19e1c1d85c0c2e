namespace RecSharp.Catalog;

/// <summary>A model type an experiment can name, and the options record that holds its settings.</summary>
/// <param name="Name">The type's name in an experiment and in a saved model (lower case).</param>
/// <param name="OptionsType">The options record, which derives from <c>RecSharp.Models.MultiTaskOptions</c>.</param>
public sealed record ModelDefinition(string Name, Type OptionsType)
{
    /// <summary>
    /// Settings that this type fixes, by camelCase name (a CGC is a PLE with <c>numLevels</c> 1); they are not keys
    /// of its <c>model</c> section.
    /// </summary>
    public IReadOnlyDictionary<string, object> FixedParameters { get; init; } = new Dictionary<string, object>();
}
