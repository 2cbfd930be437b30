namespace ImageExport.Testing;

/// <summary>Files of the repository under test, found from the test binary's folder.</summary>
public static class RepositoryFiles
{
    /// <summary>The nearest folder above the test binary that holds ImageExport.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string ServerlessYml => Path.Combine(Root, "serverless.yml");

    public static string OpenApiYaml => Path.Combine(Root, "docs", "openapi.yaml");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ImageExport.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ImageExport.sln not found above " + AppContext.BaseDirectory);
    }
}
