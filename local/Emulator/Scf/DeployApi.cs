using ImageExport.Local.Emulator.ApiGateway;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// What a deploy reaches (<c>--deploy-proxy-port</c>): the emulated SCF and tag APIs and the API gateway API, each on a
/// loopback port of its own, and the TLS-terminating proxy in front of them and of COS. Point the deploy library at it with
/// <c>HTTPS_PROXY=http://127.0.0.1:&lt;port&gt;</c> and <c>NODE_EXTRA_CA_CERTS=&lt;state-dir&gt;/deploy/proxy-ca.pem</c>.
/// </summary>
internal sealed class DeployApi : IAsyncDisposable
{
    public const string AuthorityFileName = "proxy-ca.pem";

    private readonly Listener _scf;
    private readonly Listener _apiGateway;
    private readonly TlsConnectProxy _proxy;

    private DeployApi(Listener scf, Listener apiGateway, TlsConnectProxy proxy, string authorityPath)
    {
        _scf = scf;
        _apiGateway = apiGateway;
        _proxy = proxy;
        AuthorityPath = authorityPath;
    }

    public Uri ProxyAddress => _proxy.BaseAddress;

    public Uri ScfEndpoint => _scf.BaseAddress;

    /// <summary>The proxy's CA certificate (PEM), for <c>NODE_EXTRA_CA_CERTS</c>.</summary>
    public string AuthorityPath { get; }

    public static string AuthorityPathIn(string stateDirectory) => Path.Combine(stateDirectory, "deploy", AuthorityFileName);

    public static async Task<DeployApi> StartAsync(EmulatorHost emulator, int proxyPort, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var options = emulator.Options;
        var time = options.TimeProvider;
        var functions = new DeployedFunctions(options.StateDirectory);
        var storage = emulator.Cos.Storage;
        TencentCredentials? Find(string secretId) =>
            secretId == emulator.Credentials.SecretId ? emulator.Credentials
            : secretId == emulator.TemporaryCredentials.SecretId ? emulator.TemporaryCredentials
            : null;

        var endpoint = new ScfApiEndpoint(
            new ScfSignatureV1(Find, time),
            new ScfFunctionActions(functions, storage, options.AppId, time),
            new ScfTriggerActions(functions, storage, options.Region, time),
            options.Region,
            log);
        var scf = await Listener.StartAsync(0, endpoint.HandleAsync, log, cancellationToken);
        var gatewayEndpoint = new ApiGatewayEndpoint(
            new ScfSignatureV1(Find, time),
            new GatewayActions(new GatewayServices(options.StateDirectory), (ns, name) => functions.Find(ns, name) is not null, options.Region, options.AppId, time),
            options.Region,
            log);
        Listener apiGateway;
        try
        {
            apiGateway = await Listener.StartAsync(0, gatewayEndpoint.HandleAsync, log, cancellationToken);
        }
        catch
        {
            await scf.DisposeAsync();
            throw;
        }

        var cosSuffix = $".cos.{options.Region}.myqcloud.com";
        var certificates = ProxyCertificates.Create([ScfApiEndpoint.ScfHost, ScfApiEndpoint.TagHost, ApiGatewayEndpoint.Host, "*" + cosSuffix], time);
        try
        {
            var authorityPath = AuthorityPathIn(options.StateDirectory);
            certificates.WriteAuthority(authorityPath);
            int? Route(string host) =>
                host is ScfApiEndpoint.ScfHost or ScfApiEndpoint.TagHost ? scf.BaseAddress.Port
                : host == ApiGatewayEndpoint.Host ? apiGateway.BaseAddress.Port
                : host.EndsWith(cosSuffix, StringComparison.Ordinal) ? emulator.CosEndpoint.Port
                : null;
            var proxy = TlsConnectProxy.Start(proxyPort, certificates, Route, log);
            log.ForContext<DeployApi>().Information(
                "Deploy API: SCF and tag on {Scf}, API gateway on {ApiGateway}, HTTPS proxy on {Proxy} (CA {Authority})",
                scf.BaseAddress, apiGateway.BaseAddress, proxy.BaseAddress, authorityPath);
            return new DeployApi(scf, apiGateway, proxy, authorityPath);
        }
        catch
        {
            certificates.Dispose();
            await apiGateway.DisposeAsync();
            await scf.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _apiGateway.DisposeAsync();
        await _scf.DisposeAsync();
    }
}
