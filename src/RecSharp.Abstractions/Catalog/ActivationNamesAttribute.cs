using System.ComponentModel.DataAnnotations;

namespace RecSharp.Catalog;

/// <summary>Marks a setting whose values are the names of <see cref="ModelNames.Activations"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ActivationNamesAttribute : AllowedValuesAttribute
{
    /// <summary>Allows the names of <see cref="ModelNames.Activations"/>.</summary>
    public ActivationNamesAttribute()
        : base([.. ModelNames.Activations])
    {
    }
}
