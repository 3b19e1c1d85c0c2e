namespace RecSharp.Catalog;

/// <summary>
/// The names a model's settings may take, in one place: the configuration accepts exactly these, and the library
/// implements every one of them (a test builds each in the library).
/// </summary>
public static class ModelNames
{
    /// <summary>The activations of DNN layers, the reference's: <c>relu</c>, <c>sigmoid</c>, <c>linear</c>, <c>prelu</c>, <c>dice</c>.</summary>
    public static IReadOnlyList<string> Activations { get; } = ["relu", "sigmoid", "linear", "prelu", "dice"];
}
