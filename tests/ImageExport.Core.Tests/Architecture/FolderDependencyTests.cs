using ArchUnitNET.Loader;

namespace ImageExport.Core.Tests.Architecture;

/// <summary>
/// The shape of Core, read from the compiled assembly: its feature folders (the namespace segment after
/// <c>ImageExport.Core</c>) depend on each other without a cycle and only downwards through <see cref="FolderLayers.Layers"/>,
/// and the libraries under it never depend on Core. A reader who follows one use case then crosses each folder once.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly FolderGraph Graph = FolderGraph.Of(
        new ArchLoader().LoadAssemblies(typeof(ImageExportFunctions).Assembly).Build(), FolderLayers.KnownExceptions);

    [Fact]
    public void NoTwoFoldersOfCoreDependOnEachOtherEvenThroughOthers()
    {
        var cycles = Graph.Cycles();

        Assert.True(cycles.Count == 0, "Namespace cycles in ImageExport.Core:\n" + string.Join("\n", cycles.Select(Graph.Describe)));
    }

    [Fact]
    public void EveryFolderOfCoreHasALayer()
    {
        var unplaced = Graph.Folders.Where(f => FolderLayers.LayerOf(f) is null).ToList();

        Assert.True(unplaced.Count == 0, "Folders missing from FolderLayers.Layers: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void EveryDependencyPointsToTheSameLayerOrALowerOne()
    {
        var upwards = Graph.Edges
            .Where(e => FolderLayers.LayerOf(e.From) is { } from && FolderLayers.LayerOf(e.To) is { } to && to < from)
            .Select(e => $"{e.From} (layer {FolderLayers.LayerOf(e.From)}) -> {e.To} (layer {FolderLayers.LayerOf(e.To)}): {Graph.Example(e)}")
            .ToList();

        Assert.True(upwards.Count == 0, "Dependencies pointing up the layers:\n" + string.Join("\n", upwards));
    }

    [Theory]
    [InlineData("ImageExport.TencentCloud")]
    [InlineData("ImageExport.Scf")]
    public void TheLibrariesUnderCoreNeverDependOnIt(string library)
    {
        var references = System.Reflection.Assembly.Load(library).GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("ImageExport.Core", references);
    }
}
