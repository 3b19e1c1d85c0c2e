using RecSharp.Layers.Activations;

namespace RecSharp.Models;

/// <summary>
/// The reference-style constructors' arguments turned into an options record. Each parameter of those constructors
/// is named as the record's property in camelCase and is null when left out; the defaults are written once, in the
/// records (they are the reference's).
/// </summary>
internal static class ReferenceArguments
{
    /// <summary>
    /// A record of <typeparamref name="T"/>'s defaults with each argument of <paramref name="given"/> that is not null
    /// set on the property of its name (<c>numExperts</c> on <c>NumExperts</c>); <c>dnnActivation</c> through
    /// <see cref="MultiTaskOptionsExtensions.WithActivation{T}"/>, so a custom activation works too.
    /// </summary>
    /// <param name="given">An anonymous object of the constructor's arguments, by parameter name.</param>
    public static T Bind<T>(object given)
        where T : MultiTaskOptions, new()
    {
        var options = new T();
        DnnActivation? activation = null;
        foreach (var argument in given.GetType().GetProperties())
        {
            object? value = argument.GetValue(given);
            if (value is DnnActivation named)
            {
                activation = named;
                continue;
            }

            if (value is null) continue;
            string name = char.ToUpperInvariant(argument.Name[0]) + argument.Name[1..];
            var property = typeof(T).GetProperty(name) ?? throw new InvalidOperationException(
                $"{typeof(T).Name} has no property {name} for the argument {argument.Name}");
            property.SetValue(options, value);
        }

        return activation is null ? options : options.WithActivation(activation);
    }
}
