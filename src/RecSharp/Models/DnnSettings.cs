using RecSharp.Layers;
using RecSharp.Layers.Activations;

namespace RecSharp.Models;

/// <summary>The shared DNN settings of an options record, as the blocks take them.</summary>
internal static class DnnSettings
{
    extension(MultiTaskOptions options)
    {
        /// <summary>The shared DNN settings, validated; errors name the parameter.</summary>
        internal DnnOptions Dnn => new DnnOptions
        {
            Activation = options.CustomActivation as DnnActivation ?? DnnActivation.Named(options.DnnActivation),
            DropoutRate = options.DnnDropout,
            UseBn = options.DnnUseBn,
            InitStd = options.InitStd,
        }.Validated();
    }
}
