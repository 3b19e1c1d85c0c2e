using RecSharp.Models;

namespace RecSharp.Catalog;

/// <summary>
/// The names of the models and of the values their settings may take, in one place: the configuration accepts
/// exactly these, and the library implements every one of them (a test builds each in the library).
/// </summary>
public static class ModelNames
{
    /// <summary>The activations of DNN layers, the reference's: <c>relu</c>, <c>sigmoid</c>, <c>linear</c>,
    /// <c>prelu</c>, <c>dice</c>.</summary>
    public static IReadOnlyList<string> Activations { get; } = ["relu", "sigmoid", "linear", "prelu", "dice"];

    /// <summary>
    /// The model types, each with the options record that holds its settings: <c>ple</c>, <c>cgc</c> (a PLE of one
    /// level), <c>mmoe</c>, <c>sharedbottom</c> and <c>esmm</c>. The library maps each options record to its model.
    /// </summary>
    public static IReadOnlyList<ModelDefinition> Models { get; } =
    [
        new("ple", typeof(PleOptions)),
        new("cgc", typeof(PleOptions)) { FixedParameters = new Dictionary<string, object> { ["numLevels"] = 1 } },
        new("mmoe", typeof(MmoeOptions)),
        new("sharedbottom", typeof(SharedBottomOptions)),
        new("esmm", typeof(EsmmOptions)),
    ];

    /// <summary>
    /// The model type named <paramref name="name"/>; an unknown name is an <see cref="ArgumentException"/>.
    /// </summary>
    /// <param name="name">The type's name, in lower case.</param>
    public static ModelDefinition Model(string name) =>
        Models.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException(
            $"model type \"{name}\" is not one of {string.Join(", ", Models.Select(m => m.Name))}");

    /// <summary>
    /// The name a model of <paramref name="optionsType"/>'s settings is saved under: its type without fixed
    /// parameters (a CGC is saved as the PLE it is).
    /// </summary>
    /// <param name="optionsType">An options record's type.</param>
    public static string NameOf(Type optionsType) =>
        Models.FirstOrDefault(m => m.OptionsType == optionsType && m.FixedParameters.Count == 0)?.Name
        ?? throw new ArgumentException($"{optionsType.Name} is not the options record of a known model type");

    /// <summary>
    /// <paramref name="name"/> in lower case when it is one of <see cref="Activations"/> (in any casing); otherwise
    /// an <see cref="ArgumentException"/> that lists the known names.
    /// </summary>
    /// <param name="name">An activation's name.</param>
    public static string Activation(string name)
    {
        string? known = Activations.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return known ?? throw new ArgumentException(
            $"activation \"{name}\" is not one of {string.Join(", ", Activations)} (or pass DnnActivation.Custom)");
    }
}
