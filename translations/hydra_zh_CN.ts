<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppSettings</name>
    <message>
        <source>&quot;%1&quot; has the wrong type</source>
        <translation>&quot;%1&quot; 的类型不正确</translation>
    </message>
    <message>
        <source>a model limit&apos;s &quot;%1&quot; is not a positive whole number</source>
        <translation>某个模型限额的 &quot;%1&quot; 不是正整数</translation>
    </message>
    <message>
        <source>&quot;model_limits&quot; is not a list</source>
        <translation>&quot;model_limits&quot; 不是列表</translation>
    </message>
    <message>
        <source>a model limit without a model name was left out</source>
        <translation>已忽略一个没有模型名称的模型限额</translation>
    </message>
    <message>
        <source>it is not a JSON object</source>
        <translation>它不是 JSON 对象</translation>
    </message>
    <message>
        <source>&quot;gateway&quot; is not an object</source>
        <translation>&quot;gateway&quot; 不是对象</translation>
    </message>
    <message>
        <source>the port %1 is out of range</source>
        <translation>端口 %1 超出范围</translation>
    </message>
    <message>
        <source>%1: %2; using the defaults</source>
        <translation>%1：%2；使用默认设置</translation>
    </message>
    <message>
        <source>%1: %2; using the defaults for that</source>
        <translation>%1：%2；该项使用默认值</translation>
    </message>
    <message>
        <source>cannot create the folder</source>
        <translation>无法创建文件夹</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number of seconds from 1 to 86400</source>
        <translation>“%1”不是 1 到 86400 之间的秒数</translation>
    </message>
</context>
<context>
    <name>ConnectTools</name>
    <message>
        <source>API key (any non-empty text)</source>
        <translation>API 密钥（任意非空文本）</translation>
    </message>
    <message>
        <source>API key (your access token)</source>
        <translation>API 密钥（你的访问令牌）</translation>
    </message>
    <message>
        <source>Cline / Roo Code</source>
        <translation>Cline / Roo Code</translation>
    </message>
    <message>
        <source>Settings → API Provider: &quot;OpenAI Compatible&quot;, then fill in:</source>
        <translation>设置 → API Provider：选择 &quot;OpenAI Compatible&quot;，然后填写：</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>Model ID</source>
        <translation>模型 ID</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Add this model to ~/.continue/config.yaml:</source>
        <translation>将此模型添加到 ~/.continue/config.yaml：</translation>
    </message>
    <message>
        <source>config.yaml</source>
        <translation>config.yaml</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <source>Settings → Models: turn on &quot;Override OpenAI Base URL&quot;, enter the URL and key, and add the model as a custom model:</source>
        <translation>设置 → Models：打开 &quot;Override OpenAI Base URL&quot;，填入 URL 和密钥，并将模型添加为自定义模型：</translation>
    </message>
    <message>
        <source>Cursor sends requests from its own servers, which cannot reach your computer&apos;s localhost: it needs the public URL (Expose publicly in the tray menu).</source>
        <translation>Cursor 从它自己的服务器发送请求，无法访问你电脑上的 localhost：它需要公网 URL（在托盘菜单中选择“公开访问”）。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>OpenAI SDK for Python</source>
        <translation>Python 版 OpenAI SDK</translation>
    </message>
    <message>
        <source>pip install openai, then:</source>
        <translation>执行 pip install openai，然后：</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>OpenAI SDK for Node.js</source>
        <translation>Node.js 版 OpenAI SDK</translation>
    </message>
    <message>
        <source>npm install openai, then (in an ES module):</source>
        <translation>执行 npm install openai，然后（在 ES 模块中）：</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <source>LangChain</source>
        <translation>LangChain</translation>
    </message>
    <message>
        <source>pip install langchain-openai, then:</source>
        <translation>执行 pip install langchain-openai，然后：</translation>
    </message>
    <message>
        <source>Every request needs one of your access tokens (%1). Hydra keeps only their fingerprints, so a token can be copied only when it is created: use the one you saved, or create another in Settings → Access tokens.</source>
        <translation>每个请求都需要您的一个访问令牌（%1）。Hydra 只保存令牌的指纹，因此令牌只能在创建时复制：请使用您保存的令牌，或在“设置 → 访问令牌”中新建一个。</translation>
    </message>
    <message>
        <source>API key (one of your access tokens)</source>
        <translation>API 密钥（您的一个访问令牌）</translation>
    </message>
</context>
<context>
    <name>ExposeDialogs</name>
    <message>
        <source>Before exposing Hydra publicly</source>
        <translation>公开 Hydra 之前</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hydra makes the gateway public through a Cloudflare &lt;b&gt;quick tunnel&lt;/b&gt; (trycloudflare.com), without a Cloudflare account.&lt;/p&gt;&lt;p&gt;Cloudflare says these tunnels have no uptime guarantee, are subject to the &lt;a href=&quot;https://www.cloudflare.com/website-terms/&quot;&gt;Cloudflare Online Services Terms of Use&lt;/a&gt;, and Cloudflare reserves the right to investigate their use for violations of these terms. They are meant for testing and development.&lt;/p&gt;&lt;p&gt;Anyone with the public URL and an access token can use your Gemini keys through it. Hydra requires a token on every public request and creates one if there is none.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hydra 通过 Cloudflare &lt;b&gt;快速隧道&lt;/b&gt;（trycloudflare.com）公开网关，无需 Cloudflare 账户。&lt;/p&gt;&lt;p&gt;Cloudflare 表示，这类隧道不保证可用时间，受 &lt;a href=&quot;https://www.cloudflare.com/website-terms/&quot;&gt;Cloudflare 在线服务使用条款&lt;/a&gt;约束，且 Cloudflare 保留调查其使用是否违反这些条款的权利。它们用于测试和开发。&lt;/p&gt;&lt;p&gt;任何拥有公网 URL 和访问令牌的人都可以通过它使用你的 Gemini 密钥。Hydra 要求每个公网请求都带有令牌，如果还没有令牌，会先创建一个。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Accept and expose</source>
        <translation>接受并公开</translation>
    </message>
    <message>
        <source>cloudflared is needed</source>
        <translation>需要 cloudflared</translation>
    </message>
    <message>
        <source>&lt;p&gt;Exposing Hydra publicly runs Cloudflare&apos;s &lt;b&gt;cloudflared&lt;/b&gt; program, which was not found on this computer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;公开 Hydra 需要运行 Cloudflare 的 &lt;b&gt;cloudflared&lt;/b&gt; 程序，但在这台计算机上没有找到它。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hydra can download cloudflared %1 for this computer (about 40 MB) from GitHub into %2. Before using it, Hydra checks it against the SHA-256 checksum Cloudflare published for that release.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hydra 可以从 GitHub 下载适用于这台计算机的 cloudflared %1（约 40 MB）到 %2。使用前，Hydra 会用 Cloudflare 为该版本公布的 SHA-256 校验值验证它。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hydra has no verified cloudflared download for this platform (%1), so it will not fetch one by itself. Get cloudflared from &lt;a href=&quot;https://github.com/cloudflare/cloudflared/releases&quot;&gt;github.com/cloudflare/cloudflared/releases&lt;/a&gt;, then put it on PATH or set its path in Settings.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hydra 没有适用于此平台（%1）的已验证 cloudflared 下载，因此不会自行下载。请从 &lt;a href=&quot;https://github.com/cloudflare/cloudflared/releases&quot;&gt;github.com/cloudflare/cloudflared/releases&lt;/a&gt; 获取 cloudflared，然后将其放入 PATH，或在“设置”中填写其路径。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ExposureStatus</name>
    <message>
        <source>trycloudflare.com is limiting new quick tunnels from this network (error 1015).</source>
        <translation>trycloudflare.com 正在限制来自此网络的新快速隧道（错误 1015）。</translation>
    </message>
    <message>
        <source>trycloudflare.com cannot be reached: is this computer online?</source>
        <translation>无法连接 trycloudflare.com：这台计算机联网了吗？</translation>
    </message>
    <message>
        <source>The connection to trycloudflare.com was refused or cut: a firewall or proxy seems to block it.</source>
        <translation>与 trycloudflare.com 的连接被拒绝或中断：似乎有防火墙或代理阻止了它。</translation>
    </message>
    <message>
        <source>trycloudflare.com did not answer in time.</source>
        <translation>trycloudflare.com 没有及时响应。</translation>
    </message>
    <message>
        <source>trycloudflare.com did not hand out a tunnel.</source>
        <translation>trycloudflare.com 没有分配隧道。</translation>
    </message>
    <message>
        <source>The tunnel cannot connect to Cloudflare (outgoing TCP port 7844 may be blocked).</source>
        <translation>隧道无法连接到 Cloudflare（出站 TCP 端口 7844 可能被阻止）。</translation>
    </message>
    <message>
        <source>The tunnel could not be set up.</source>
        <translation>无法建立隧道。</translation>
    </message>
    <message>
        <source>This cloudflared is too old for Hydra: use a recent release.</source>
        <translation>此 cloudflared 版本对 Hydra 来说太旧：请使用较新的版本。</translation>
    </message>
    <message>
        <source>cloudflared updated itself and stopped.</source>
        <translation>cloudflared 自行更新后停止了。</translation>
    </message>
    <message>
        <source>cloudflared could not be run.</source>
        <translation>无法运行 cloudflared。</translation>
    </message>
    <message>
        <source>cloudflared stopped unexpectedly.</source>
        <translation>cloudflared 意外停止。</translation>
    </message>
    <message numerus="yes">
        <source>Hydra tries again in %n second(s).</source>
        <translation>
            <numerusform>Hydra 将在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详情：%1</translation>
    </message>
</context>
<context>
    <name>GatewayPage</name>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>监听地址(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Start the gateway when Hydra starts</source>
        <translation>Hydra 启动时启动网关(&amp;S)</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>&amp;Upstream URL:</source>
        <translation>上游 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>https://generativelanguage.googleapis.com</source>
        <translation>https://generativelanguage.googleapis.com</translation>
    </message>
    <message>
        <source>&amp;cloudflared:</source>
        <translation>cloudflared(&amp;C)：</translation>
    </message>
    <message>
        <source>found on PATH</source>
        <translation>在 PATH 中查找</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Per-model request limits (empty: Google&apos;s free tier, or what Google reports):</source>
        <translation>按模型的请求限额（留空：使用 Google 免费层级或 Google 报告的值）：</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Requests per minute</source>
        <translation>每分钟请求数</translation>
    </message>
    <message>
        <source>Requests per day</source>
        <translation>每天请求数</translation>
    </message>
    <message>
        <source>Add &amp;limit</source>
        <translation>添加限额(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Remove limit</source>
        <translation>删除限额(&amp;R)</translation>
    </message>
</context>
<context>
    <name>KeyStatusText</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>Google refused this key.</source>
        <translation>Google 拒绝了此密钥。</translation>
    </message>
    <message>
        <source>%1: per-minute limit, free in %2</source>
        <translation>%1：达到每分钟限额，%2 后恢复</translation>
    </message>
    <message>
        <source>%1: no free tier for this key</source>
        <translation>%1：此密钥没有免费层级</translation>
    </message>
    <message>
        <source>%1: daily limit, free at midnight Pacific (in %2)</source>
        <translation>%1：达到每日限额，太平洋时间午夜恢复（%2 后）</translation>
    </message>
    <message>
        <source>%1: failing, retried in %2</source>
        <translation>%1：出错，%2 后重试</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Limited for %1, free in %2</source>
        <translation>%1 受限，%2 后恢复</translation>
    </message>
    <message numerus="yes">
        <source>Limited for %n models, first free in %1</source>
        <translation>
            <numerusform>%n 个模型受限，最早 %1 后恢复</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Paste Gemini API keys: one per line, lines of email,key,project, or a keys.json array. Each key is checked with Google before it is stored in the OS keychain. Use one key per Google Cloud project: keys of one project share its quota.</source>
        <translation>粘贴 Gemini API 密钥：每行一个、每行 email,key,project，或 keys.json 数组。每个密钥在存入系统钥匙串之前都会向 Google 验证。每个 Google Cloud 项目只用一个密钥：同一项目的密钥共享配额。</translation>
    </message>
    <message>
        <source>AIza…</source>
        <translation>AIza…</translation>
    </message>
    <message>
        <source>Check and &amp;add keys</source>
        <translation>验证并添加密钥(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>Checks the selected keys (all keys when none is selected) with Google</source>
        <translation>向 Google 验证所选密钥（未选择时验证全部密钥）</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
</context>
<context>
    <name>LoginItem</name>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>无法创建 %1 所在的文件夹</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message>
        <source>cannot change %1</source>
        <translation>无法修改 %1</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Hydra will use it again as soon as a key has quota.</source>
        <translation>一旦有密钥恢复配额，Hydra 会立即再次使用它。</translation>
    </message>
    <message numerus="yes">
        <source>Quota returns in about %n minute(s).</source>
        <translation>
            <numerusform>大约 %n 分钟后恢复配额。</numerusform>
        </translation>
    </message>
    <message>
        <source>Quota returns at %1 (Google resets daily quota at midnight Pacific time).</source>
        <translation>配额将在 %1 恢复（Google 在太平洋时间午夜重置每日配额）。</translation>
    </message>
    <message>
        <source>All keys are out of quota for %1</source>
        <translation>所有密钥的 %1 配额均已用尽</translation>
    </message>
    <message>
        <source>Requests for %1 fail until then. %2</source>
        <translation>在此之前，%1 的请求会失败。%2</translation>
    </message>
    <message>
        <source>%1 is available again</source>
        <translation>%1 已恢复可用</translation>
    </message>
    <message>
        <source>A key has quota for %1 again.</source>
        <translation>已有密钥重新获得 %1 的配额。</translation>
    </message>
    <message>
        <source>Key %1 stopped working</source>
        <translation>密钥 %1 已失效</translation>
    </message>
    <message>
        <source>Google refuses this key. Check or remove it in Settings.</source>
        <translation>Google 拒绝了此密钥。请在设置中检查或删除它。</translation>
    </message>
    <message>
        <source>Google refuses this key: %1 Check or remove it in Settings.</source>
        <translation>Google 拒绝了此密钥：%1 请在设置中检查或删除它。</translation>
    </message>
    <message>
        <source>Port %1 is in use</source>
        <translation>端口 %1 已被占用</translation>
    </message>
    <message>
        <source>Another program listens on port %1, so the gateway could not start.</source>
        <translation>另一个程序正在监听端口 %1，因此网关无法启动。</translation>
    </message>
    <message>
        <source>Port %1 is free: use it instead? Tools set up with the old port then need the new base URL.</source>
        <translation>端口 %1 可用：改用它吗？已按旧端口配置的工具需要改用新的 Base URL。</translation>
    </message>
    <message>
        <source>Choose another port in Settings.</source>
        <translation>请在设置中选择其他端口。</translation>
    </message>
    <message>
        <source>The gateway could not start</source>
        <translation>网关无法启动</translation>
    </message>
    <message>
        <source>Public URL ready</source>
        <translation>公网 URL 已就绪</translation>
    </message>
    <message>
        <source>%1
Click to copy it. Anyone with an access token can use your gateway through it.</source>
        <translation>%1
点击复制。任何持有访问令牌的人都可以通过它使用你的网关。</translation>
    </message>
    <message>
        <source>The public URL is not available</source>
        <translation>公网 URL 不可用</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Hydra</source>
        <translation>Hydra</translation>
    </message>
    <message>
        <source>Cannot create the config folder %1.</source>
        <translation>无法创建配置文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>SettingsChecks</name>
    <message>
        <source>Enter a port from 1024 to 65535.</source>
        <translation>请输入 1024 到 65535 之间的端口。</translation>
    </message>
    <message>
        <source>Ports below 1024 usually need administrator rights.</source>
        <translation>低于 1024 的端口通常需要管理员权限。</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL, or leave it empty for Google.</source>
        <translation>请输入 http:// 或 https:// URL，或留空以使用 Google。</translation>
    </message>
    <message>
        <source>Not an IP address.</source>
        <translation>不是 IP 地址。</translation>
    </message>
    <message>
        <source>Other computers could use your keys: create an access token first (Access tokens page).</source>
        <translation>其他电脑可能会使用你的密钥：请先创建访问令牌（访问令牌页面）。</translation>
    </message>
    <message>
        <source>Other computers on your network can reach the gateway; they need an access token.</source>
        <translation>你网络中的其他电脑可以访问网关；它们需要访问令牌。</translation>
    </message>
    <message>
        <source>No program at that path.</source>
        <translation>该路径下没有程序。</translation>
    </message>
    <message>
        <source>Row %1 has no model name.</source>
        <translation>第 %1 行没有模型名称。</translation>
    </message>
    <message>
        <source>Row %1: a model name has no spaces.</source>
        <translation>第 %1 行：模型名称不能包含空格。</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 出现了两次。</translation>
    </message>
    <message>
        <source>Row %1: limits are whole numbers from 1 up, or empty.</source>
        <translation>第 %1 行：限额为从 1 开始的整数，或留空。</translation>
    </message>
    <message>
        <source>Applying moves the gateway from %1:%2 to %3:%4. Requests in progress there get 30 seconds to finish, and your tools must use the new address. If Hydra is exposed, its public URL stays the same.</source>
        <translation>应用后，网关将从 %1:%2 移到 %3:%4。那里正在进行的请求有 30 秒完成，您的工具需要改用新地址。如果 Hydra 已公开，其公共 URL 保持不变。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Hydra Settings</source>
        <translation>Hydra 设置</translation>
    </message>
</context>
<context>
    <name>ShellPrefs</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <source>Clients present an access token as their API key. Once a token exists, every client must present one, and the gateway may be opened to your network or exposed publicly. Creating and revoking take effect at once.</source>
        <translation>客户端以访问令牌作为 API 密钥。一旦存在令牌，每个客户端都必须提供令牌，网关才可以向你的网络开放或公开访问。创建和吊销立即生效。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. cursor</source>
        <translation>例如 cursor</translation>
    </message>
    <message>
        <source>&amp;Create token</source>
        <translation>创建令牌(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the new token now: Hydra keeps only a fingerprint of it and cannot show it again.</source>
        <translation>请立即复制新令牌：Hydra 只保存它的指纹，之后无法再次显示。</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>复制(&amp;O)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>上次使用</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>吊销(&amp;R)</translation>
    </message>
</context>
<context>
    <name>hydra::app::ConnectToolsDialog</name>
    <message>
        <source>Connect your tools</source>
        <translation>连接你的工具</translation>
    </message>
</context>
<context>
    <name>hydra::app::ConnectToolsWidget</name>
    <message>
        <source>Point your tools at Hydra: choose a tool and copy each value into it.</source>
        <translation>让你的工具指向 Hydra：选择一个工具，然后把每个值复制进去。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制%1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>hydra::app::DashboardPanel</name>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>最近的请求</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>hydra::app::DashboardWindow</name>
    <message>
        <source>Hydra Dashboard</source>
        <translation>Hydra 仪表盘</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Gateway running</source>
        <translation>网关运行中</translation>
    </message>
    <message>
        <source>Gateway running at %1</source>
        <translation>网关运行于 %1</translation>
    </message>
    <message>
        <source>Gateway stopped</source>
        <translation>网关已停止</translation>
    </message>
    <message>
        <source>Gateway stopped: %1</source>
        <translation>网关已停止：%1</translation>
    </message>
</context>
<context>
    <name>hydra::app::DesktopApp</name>
    <message>
        <source>Settings could not be read</source>
        <translation>无法读取设置</translation>
    </message>
    <message>
        <source>The stored keys could not be read</source>
        <translation>无法读取已保存的密钥</translation>
    </message>
    <message>
        <source>Key %1 is missing from the keychain</source>
        <translation>钥匙串中缺少密钥 %1</translation>
    </message>
    <message>
        <source>Remove it in Settings and add it again.</source>
        <translation>请在设置中删除它并重新添加。</translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation>使用端口 %1</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Settings could not be saved</source>
        <translation>无法保存设置</translation>
    </message>
    <message>
        <source>Start at login could not be changed</source>
        <translation>无法更改登录时启动</translation>
    </message>
    <message>
        <source>%1. The gateway goes on with the keys it had.</source>
        <translation>%1。网关继续使用原有的密钥。</translation>
    </message>
    <message>
        <source>Hydra is stopping</source>
        <translation>Hydra 正在停止</translation>
    </message>
    <message numerus="yes">
        <source>Requests in progress get up to %n second(s) to finish.</source>
        <translation>
            <numerusform>进行中的请求最多还有 %n 秒可以完成。</numerusform>
        </translation>
    </message>
    <message>
        <source>Hydra moved to %1</source>
        <translation>Hydra 已移到 %1</translation>
    </message>
    <message>
        <source>Point your tools at the new address; the public URL stays the same.</source>
        <translation>请将您的工具指向新地址；公共 URL 保持不变。</translation>
    </message>
    <message>
        <source>Point your tools at the new address.</source>
        <translation>请将您的工具指向新地址。</translation>
    </message>
    <message>
        <source>The new settings could not be applied</source>
        <translation>无法应用新设置</translation>
    </message>
    <message>
        <source>%1. The gateway goes on as it was.</source>
        <translation>%1。网关保持原样继续运行。</translation>
    </message>
</context>
<context>
    <name>hydra::app::ExposureFlow</name>
    <message>
        <source>Downloading cloudflared %1…</source>
        <translation>正在下载 cloudflared %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Downloading cloudflared</source>
        <translation>正在下载 cloudflared</translation>
    </message>
    <message>
        <source>cloudflared could not be downloaded: %1</source>
        <translation>无法下载 cloudflared：%1</translation>
    </message>
</context>
<context>
    <name>hydra::app::GatewayPage</name>
    <message>
        <source>Port %1 is in use by another program.</source>
        <translation>端口 %1 已被其他程序占用。</translation>
    </message>
    <message>
        <source>This computer has no address %1.</source>
        <translation>这台电脑没有地址 %1。</translation>
    </message>
    <message>
        <source>This computer only (127.0.0.1)</source>
        <translation>仅本机（127.0.0.1）</translation>
    </message>
    <message>
        <source>All networks (0.0.0.0): other computers can connect</source>
        <translation>所有网络（0.0.0.0）：其他电脑可以连接</translation>
    </message>
    <message>
        <source>Where is cloudflared?</source>
        <translation>cloudflared 在哪里？</translation>
    </message>
    <message>
        <source>Only %1: other computers can connect</source>
        <translation>仅 %1：其他电脑可以连接</translation>
    </message>
</context>
<context>
    <name>hydra::app::KeyHealthModel</name>
    <message>
        <source>Requests this key answered in the last 60 seconds</source>
        <translation>此密钥在最近 60 秒内响应的请求数</translation>
    </message>
    <message>
        <source>Requests this key answered today (local time)</source>
        <translation>此密钥今天响应的请求数（本地时间）</translation>
    </message>
    <message>
        <source>Requests today against the known daily limit, per model; Google counts them per project and Pacific day</source>
        <translation>今天的请求数与已知每日限额的对比（按模型）；Google 按项目和太平洋时间的日期计数</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>RPM</source>
        <translation>RPM</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>每日配额</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
</context>
<context>
    <name>hydra::app::KeyJob</name>
    <message>
        <source>not in the OS keychain; remove it</source>
        <translation>不在系统钥匙串中；请删除它</translation>
    </message>
</context>
<context>
    <name>hydra::app::KeyTableModel</name>
    <message>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>dead: %1</source>
        <translation>失效：%1</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>no free tier</source>
        <translation>无免费层级</translation>
    </message>
    <message>
        <source>rate-limited</source>
        <translation>受速率限制</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>not checked (network error)</source>
        <translation>未检查（网络错误）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last validated</source>
        <translation>上次验证</translation>
    </message>
</context>
<context>
    <name>hydra::app::KeysPage</name>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Line %1: %2; left out</source>
        <translation>第 %1 行：%2；已忽略</translation>
    </message>
    <message>
        <source>These keys are not added yet: press &quot;Check and add keys&quot;, or clear the box.</source>
        <translation>这些密钥尚未添加：请点击“验证并添加密钥”，或清空输入框。</translation>
    </message>
    <message>
        <source>Line %1 (%2)</source>
        <translation>第 %1 行（%2）</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1：%2 %3</translation>
    </message>
    <message>
        <source>%1: added as %2</source>
        <translation>%1：已添加为 %2</translation>
    </message>
    <message>
        <source>%1: not added: %2</source>
        <translation>%1：未添加：%2</translation>
    </message>
    <message>
        <source>%1: not added: it does not work</source>
        <translation>%1：未添加：它无法使用</translation>
    </message>
    <message>
        <source>The OS keychain cannot be used: %1</source>
        <translation>无法使用系统钥匙串：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) added.</source>
        <translation>
            <numerusform>已添加 %n 个密钥。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>正在检查</translation>
    </message>
    <message>
        <source>Validating</source>
        <translation>正在验证</translation>
    </message>
    <message>
        <source>Remove keys</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>Remove %1 from Hydra and the OS keychain? Keep a copy if you want to use it again.</source>
        <translation>从 Hydra 和系统钥匙串中删除 %1？如果以后还想使用，请保留一份副本。</translation>
    </message>
    <message>
        <source>The label %1 is taken already.</source>
        <translation>标签 %1 已被使用。</translation>
    </message>
</context>
<context>
    <name>hydra::app::OneTimeTokenDialog</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Access token for the public URL</source>
        <translation>公网 URL 的访问令牌</translation>
    </message>
    <message>
        <source>A public gateway must not be open to everyone, so Hydra created the access token &quot;%1&quot;. Tools that use the public URL (like Cursor) send it as their API key; local tools need it from now on too.</source>
        <translation>公开的网关不能对所有人开放，因此 Hydra 创建了访问令牌“%1”。使用公网 URL 的工具（如 Cursor）将它作为 API 密钥发送；从现在起，本地工具也需要它。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy it now: it is shown only this once.&lt;/b&gt; Hydra keeps only a fingerprint of it. A lost token can be revoked, and a new one created, in Settings → Access tokens.</source>
        <translation>&lt;b&gt;请立即复制：它只显示这一次。&lt;/b&gt;Hydra 只保存它的指纹。丢失的令牌可以在“设置 → 访问令牌”中吊销，并创建新令牌。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>hydra::app::RequestLogModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 (public URL)</source>
        <translation>%1（公网 URL）</translation>
    </message>
    <message>
        <source>(no key)</source>
        <translation>（无密钥）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 prompt + %2 completion</source>
        <translation>%1 提示 + %2 补全</translation>
    </message>
    <message numerus="yes">
        <source>%n other key(s) failed first</source>
        <translation>
            <numerusform>先有 %n 个其他密钥失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token 数</translation>
    </message>
    <message>
        <source>Streamed</source>
        <translation>流式</translation>
    </message>
</context>
<context>
    <name>hydra::app::RpmChart</name>
    <message>
        <source>By key</source>
        <translation>按密钥</translation>
    </message>
    <message>
        <source>By model</source>
        <translation>按模型</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Requests per minute</source>
        <translation>每分钟请求数</translation>
    </message>
    <message>
        <source>Requests per minute, last hour</source>
        <translation>每分钟请求数（最近一小时）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>(no key)</source>
        <translation>（无密钥）</translation>
    </message>
    <message>
        <source>(no model)</source>
        <translation>（无模型）</translation>
    </message>
</context>
<context>
    <name>hydra::app::SettingsDialog</name>
    <message>
        <source>&amp;Keys</source>
        <translation>密钥(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Gateway</source>
        <translation>网关(&amp;G)</translation>
    </message>
    <message>
        <source>The saved settings could not be read (%1). Apply saves the ones shown.</source>
        <translation>无法读取已保存的设置（%1）。点击“应用”将保存当前显示的设置。</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the fields marked in red first.</source>
        <translation>未保存任何内容：请先修正标红的字段。</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
    <message>
        <source>Access &amp;tokens</source>
        <translation>访问令牌(&amp;T)</translation>
    </message>
</context>
<context>
    <name>hydra::app::TodayTotalsView</name>
    <message>
        <source>Requests today</source>
        <translation>今日请求</translation>
    </message>
    <message>
        <source>Requests finished today (local time)</source>
        <translation>今天完成的请求（本地时间）</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>今日 Token</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Requests that ended with an error status today; a client leaving early is not one</source>
        <translation>今天以错误状态结束的请求；客户端提前离开不算错误</translation>
    </message>
    <message>
        <source>Saved by failover</source>
        <translation>故障转移挽救</translation>
    </message>
    <message>
        <source>Requests that succeeded on another key after the first failed</source>
        <translation>第一个密钥失败后由另一个密钥成功完成的请求</translation>
    </message>
    <message>
        <source>Requests per minute</source>
        <translation>每分钟请求数</translation>
    </message>
    <message>
        <source>Requests finished in the last 60 seconds</source>
        <translation>最近 60 秒内完成的请求</translation>
    </message>
    <message>
        <source>%1 prompt + %2 completion tokens today</source>
        <translation>今天 %1 提示 + %2 补全 Token</translation>
    </message>
</context>
<context>
    <name>hydra::app::TokensPage</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>吊销令牌</translation>
    </message>
    <message>
        <source>Revoke %1? Clients using it are refused from now on.</source>
        <translation>吊销 %1？使用它的客户端将立即被拒绝。</translation>
    </message>
</context>
<context>
    <name>hydra::app::TrayMenu</name>
    <message>
        <source>Gateway stopped</source>
        <translation>网关已停止</translation>
    </message>
    <message>
        <source>Gateway starting…</source>
        <translation>网关正在启动…</translation>
    </message>
    <message>
        <source>Running, but no keys: add keys in Settings</source>
        <translation>运行中，但没有密钥：请在设置中添加密钥</translation>
    </message>
    <message>
        <source>Running, but no key works: check the keys in Settings</source>
        <translation>运行中，但没有可用密钥：请在设置中检查密钥</translation>
    </message>
    <message>
        <source>Running: %1 of %2 keys out of quota for now</source>
        <translation>运行中：%2 个密钥中有 %1 个暂时没有配额</translation>
    </message>
    <message numerus="yes">
        <source>Running with %n key(s)</source>
        <translation>
            <numerusform>运行中，共 %n 个密钥</numerusform>
        </translation>
    </message>
    <message>
        <source>Hydra: %1</source>
        <translation>Hydra：%1</translation>
    </message>
    <message>
        <source>%1 · %2 RPM</source>
        <translation>%1 · %2 RPM</translation>
    </message>
    <message>
        <source>Public: %1</source>
        <translation>公网：%1</translation>
    </message>
    <message>
        <source>Start gateway</source>
        <translation>启动网关</translation>
    </message>
    <message>
        <source>Stop gateway</source>
        <translation>停止网关</translation>
    </message>
    <message>
        <source>Expose publicly</source>
        <translation>公开访问</translation>
    </message>
    <message>
        <source>Start the gateway first</source>
        <translation>请先启动网关</translation>
    </message>
    <message>
        <source>Copy local base URL</source>
        <translation>复制本地 Base URL</translation>
    </message>
    <message>
        <source>Public URL: connecting…</source>
        <translation>公网 URL：正在连接…</translation>
    </message>
    <message>
        <source>Dashboard…</source>
        <translation>仪表盘…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Connect your tools…</source>
        <translation>连接你的工具…</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>登录时启动</translation>
    </message>
    <message>
        <source>Quit Hydra</source>
        <translation>退出 Hydra</translation>
    </message>
    <message>
        <source>Expose publicly (starting…)</source>
        <translation>公开访问（正在启动…）</translation>
    </message>
    <message>
        <source>Expose publicly (on)</source>
        <translation>公开访问（已开启）</translation>
    </message>
    <message>
        <source>Expose publicly (reconnecting…)</source>
        <translation>公开访问（正在重新连接…）</translation>
    </message>
    <message>
        <source>Expose publicly (failed)</source>
        <translation>公开访问（失败）</translation>
    </message>
    <message>
        <source>Public: %1 (reconnecting…)</source>
        <translation>公网：%1（正在重新连接…）</translation>
    </message>
    <message>
        <source>Public URL failed: %1</source>
        <translation>公网 URL 失败：%1</translation>
    </message>
    <message>
        <source>Make the gateway reachable from the internet through a Cloudflare quick tunnel (needed by Cursor); every request needs an access token</source>
        <translation>通过 Cloudflare 快速隧道让网关可从互联网访问（Cursor 需要）；每个请求都需要访问令牌</translation>
    </message>
    <message>
        <source>Copy public URL: %1</source>
        <translation>复制公网 URL：%1</translation>
    </message>
    <message>
        <source>Copy the public base URL for tools like Cursor</source>
        <translation>复制供 Cursor 等工具使用的公网基础 URL</translation>
    </message>
    <message>
        <source>Gateway stopping: requests in progress are finishing…</source>
        <translation>网关正在停止：正在完成进行中的请求…</translation>
    </message>
    <message>
        <source>Expose publicly (stopping…)</source>
        <translation>公开访问（正在停止…）</translation>
    </message>
    <message>
        <source>Public: %1 (closing: requests in progress are finishing…)</source>
        <translation>公共：%1（正在关闭：正在完成进行中的请求…）</translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomeCheckPage</name>
    <message>
        <source>Checking your keys</source>
        <translation>正在检查你的密钥</translation>
    </message>
    <message>
        <source>Each key is asked for the model list and one tiny answer, as the gateway would. Working keys go to your system&apos;s keychain.</source>
        <translation>像网关一样，向每个密钥请求模型列表和一个很小的回答。可用的密钥会存入系统钥匙串。</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Could not store the keys: %1</source>
        <translation>无法保存密钥：%1</translation>
    </message>
    <message>
        <source>None of these keys works. Go back to paste others.</source>
        <translation>这些密钥都无法使用。请返回粘贴其他密钥。</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) stored. The gateway is starting.</source>
        <translation>
            <numerusform>已保存 %n 个密钥。网关正在启动。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomeConnectPage</name>
    <message>
        <source>Connect your tools</source>
        <translation>连接你的工具</translation>
    </message>
    <message>
        <source>Hydra runs in the tray. Use these values in your editor or code; the tray menu shows them again under Connect your tools.</source>
        <translation>Hydra 在托盘中运行。在你的编辑器或代码中使用这些值；托盘菜单的“连接你的工具”中可以再次查看。</translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomeIntroPage</name>
    <message>
        <source>Welcome to Hydra</source>
        <translation>欢迎使用 Hydra</translation>
    </message>
    <message>
        <source>Hydra pools your free Gemini API keys behind one OpenAI-compatible address on this computer.</source>
        <translation>Hydra 将你的免费 Gemini API 密钥汇集到这台电脑上的一个 OpenAI 兼容地址之后。</translation>
    </message>
    <message>
        <source>&lt;b&gt;One key per Google Cloud project.&lt;/b&gt; Google counts the free quota per project, not per key: keys made in the same project share one quota, so a second key there adds nothing. Make each key in a project of its own.</source>
        <translation>&lt;b&gt;每个 Google Cloud 项目一个密钥。&lt;/b&gt;Google 按项目而不是按密钥计算免费配额：同一项目中创建的密钥共享一份配额，所以在同一项目中再建一个密钥没有任何增益。请在各自独立的项目中创建每个密钥。</translation>
    </message>
    <message>
        <source>&lt;b&gt;How to make keys:&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Open Google AI Studio&apos;s API keys page (button below) and sign in.&lt;/li&gt;&lt;li&gt;Click &lt;i&gt;Create API key&lt;/i&gt; and choose &lt;i&gt;Create API key in new project&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;Repeat for as many projects as you want keys.&lt;/li&gt;&lt;li&gt;Copy the keys; you will paste them on the next page.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;b&gt;如何创建密钥：&lt;/b&gt;&lt;ol&gt;&lt;li&gt;打开 Google AI Studio 的 API 密钥页面（下方按钮）并登录。&lt;/li&gt;&lt;li&gt;点击 &lt;i&gt;Create API key&lt;/i&gt;，然后选择 &lt;i&gt;Create API key in new project&lt;/i&gt;。&lt;/li&gt;&lt;li&gt;想要多少个密钥，就对多少个项目重复此操作。&lt;/li&gt;&lt;li&gt;复制这些密钥；你将在下一页粘贴它们。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Open Google AI Studio</source>
        <translation>打开 Google AI Studio</translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomePastePage</name>
    <message>
        <source>Paste your keys</source>
        <translation>粘贴你的密钥</translation>
    </message>
    <message>
        <source>One key per line, lines of email,key,project (as a spreadsheet copies them), or a keys.json array.</source>
        <translation>每行一个密钥、每行 email,key,project（电子表格复制出来的格式），或 keys.json 数组。</translation>
    </message>
    <message>
        <source>AIza…
AIza…</source>
        <translation>AIza…
AIza…</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Line %1: %2 (left out)</source>
        <translation>第 %1 行：%2（已忽略）</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) ready to check.</source>
        <translation>
            <numerusform>%n 个密钥可以检查。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomeWizard</name>
    <message>
        <source>Welcome to Hydra</source>
        <translation>欢迎使用 Hydra</translation>
    </message>
</context>
</TS>
