namespace ImageExport.Configuration;

/// <summary>
/// The variables SCF itself sets in a function's environment (docs/reference/scf.md §1.1), named once.
/// </summary>
public static class ScfVariables
{
    public const string Region = "TENCENTCLOUD_REGION";
    public const string AppId = "TENCENTCLOUD_APPID";
    public const string Uin = "TENCENTCLOUD_UIN";

    // The execution role's temporary keys: no underscore inside SECRETID/SECRETKEY, unlike the SDKs' own provider.
    public const string SecretId = "TENCENTCLOUD_SECRETID";
    public const string SecretKey = "TENCENTCLOUD_SECRETKEY";
    public const string SessionToken = "TENCENTCLOUD_SESSIONTOKEN";

    public const string Handler = "_HANDLER";

    // SCF spells it SCF_FUNCTIONNAME, without an underscore between the words.
    public const string FunctionName = "SCF_FUNCTIONNAME";
    public const string FunctionVersion = "SCF_FUNCTIONVERSION";
    public const string Namespace = "SCF_NAMESPACE";
    public const string TriggerSource = "TRIGGER_SRC";

    // A custom runtime's API address; an image function's port, when SCF says one.
    public const string RuntimeApi = "SCF_RUNTIME_API";
    public const string RuntimeApiPort = "SCF_RUNTIME_API_PORT";
    public const string ImagePort = "SCF_IMAGE_PORT";
}
