using RecSharp.Catalog;
using RecSharp.Layers.Activations;

namespace RecSharp.Models;

/// <summary>
/// What the library adds to the options records: activations given as objects, including custom ones.
/// </summary>
public static class MultiTaskOptionsExtensions
{
    /// <summary>
    /// A copy of <paramref name="options"/> whose DNN layers use <paramref name="activation"/>: a named one, or a
    /// custom one (<see cref="DnnActivation.Custom"/>). A model with a custom activation trains and predicts, but its
    /// hyper-parameters cannot be saved, since no name could rebuild the activation.
    /// </summary>
    /// <param name="options">The options record.</param>
    /// <param name="activation">The activation of every DNN layer.</param>
    public static T WithActivation<T>(this T options, DnnActivation activation)
        where T : MultiTaskOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(activation);
        MultiTaskOptions copy = ModelNames.Activations.Contains(activation.Name)
            ? ((MultiTaskOptions)options) with { DnnActivation = activation.Name }
            : options.WithCustomActivation(activation.Name, activation);
        return (T)copy;
    }
}
