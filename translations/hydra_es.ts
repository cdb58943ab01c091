<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AppSettings</name>
    <message>
        <source>&quot;%1&quot; has the wrong type</source>
        <translation>&quot;%1&quot; tiene un tipo incorrecto</translation>
    </message>
    <message>
        <source>a model limit&apos;s &quot;%1&quot; is not a positive whole number</source>
        <translation>el &quot;%1&quot; de un límite de modelo no es un número entero positivo</translation>
    </message>
    <message>
        <source>&quot;model_limits&quot; is not a list</source>
        <translation>&quot;model_limits&quot; no es una lista</translation>
    </message>
    <message>
        <source>a model limit without a model name was left out</source>
        <translation>se omitió un límite de modelo sin nombre de modelo</translation>
    </message>
    <message>
        <source>it is not a JSON object</source>
        <translation>no es un objeto JSON</translation>
    </message>
    <message>
        <source>&quot;gateway&quot; is not an object</source>
        <translation>&quot;gateway&quot; no es un objeto</translation>
    </message>
    <message>
        <source>the port %1 is out of range</source>
        <translation>el puerto %1 está fuera de rango</translation>
    </message>
    <message>
        <source>%1: %2; using the defaults</source>
        <translation>%1: %2; se usan los valores predeterminados</translation>
    </message>
    <message>
        <source>%1: %2; using the defaults for that</source>
        <translation>%1: %2; se usa el valor predeterminado para eso</translation>
    </message>
    <message>
        <source>cannot create the folder</source>
        <translation>no se puede crear la carpeta</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number of seconds from 1 to 86400</source>
        <translation>«%1» no es un número de segundos entre 1 y 86400</translation>
    </message>
</context>
<context>
    <name>ConnectTools</name>
    <message>
        <source>API key (any non-empty text)</source>
        <translation>Clave de API (cualquier texto no vacío)</translation>
    </message>
    <message>
        <source>API key (your access token)</source>
        <translation>Clave de API (tu token de acceso)</translation>
    </message>
    <message>
        <source>Cline / Roo Code</source>
        <translation>Cline / Roo Code</translation>
    </message>
    <message>
        <source>Settings → API Provider: &quot;OpenAI Compatible&quot;, then fill in:</source>
        <translation>Ajustes → API Provider: &quot;OpenAI Compatible&quot;, y luego rellena:</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL base</translation>
    </message>
    <message>
        <source>Model ID</source>
        <translation>ID del modelo</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Add this model to ~/.continue/config.yaml:</source>
        <translation>Añade este modelo a ~/.continue/config.yaml:</translation>
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
        <translation>Ajustes → Models: activa &quot;Override OpenAI Base URL&quot;, escribe la URL y la clave, y añade el modelo como modelo personalizado:</translation>
    </message>
    <message>
        <source>Cursor sends requests from its own servers, which cannot reach your computer&apos;s localhost: it needs the public URL (Expose publicly in the tray menu).</source>
        <translation>Cursor envía las peticiones desde sus propios servidores, que no pueden llegar al localhost de tu ordenador: necesita la URL pública (Exponer públicamente, en el menú de la bandeja).</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>OpenAI SDK for Python</source>
        <translation>SDK de OpenAI para Python</translation>
    </message>
    <message>
        <source>pip install openai, then:</source>
        <translation>pip install openai, y luego:</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>OpenAI SDK for Node.js</source>
        <translation>SDK de OpenAI para Node.js</translation>
    </message>
    <message>
        <source>npm install openai, then (in an ES module):</source>
        <translation>npm install openai, y luego (en un módulo ES):</translation>
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
        <translation>pip install langchain-openai, y luego:</translation>
    </message>
    <message>
        <source>Every request needs one of your access tokens (%1). Hydra keeps only their fingerprints, so a token can be copied only when it is created: use the one you saved, or create another in Settings → Access tokens.</source>
        <translation>Cada solicitud necesita uno de sus tokens de acceso (%1). Hydra solo guarda sus huellas, así que un token solo se puede copiar al crearlo: use el que guardó o cree otro en Ajustes → Tokens de acceso.</translation>
    </message>
    <message>
        <source>API key (one of your access tokens)</source>
        <translation>Clave de API (uno de sus tokens de acceso)</translation>
    </message>
</context>
<context>
    <name>ExposeDialogs</name>
    <message>
        <source>Before exposing Hydra publicly</source>
        <translation>Antes de exponer Hydra públicamente</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hydra makes the gateway public through a Cloudflare &lt;b&gt;quick tunnel&lt;/b&gt; (trycloudflare.com), without a Cloudflare account.&lt;/p&gt;&lt;p&gt;Cloudflare says these tunnels have no uptime guarantee, are subject to the &lt;a href=&quot;https://www.cloudflare.com/website-terms/&quot;&gt;Cloudflare Online Services Terms of Use&lt;/a&gt;, and Cloudflare reserves the right to investigate their use for violations of these terms. They are meant for testing and development.&lt;/p&gt;&lt;p&gt;Anyone with the public URL and an access token can use your Gemini keys through it. Hydra requires a token on every public request and creates one if there is none.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hydra hace pública la pasarela mediante un &lt;b&gt;túnel rápido&lt;/b&gt; de Cloudflare (trycloudflare.com), sin cuenta de Cloudflare.&lt;/p&gt;&lt;p&gt;Cloudflare indica que estos túneles no tienen garantía de disponibilidad, están sujetos a las &lt;a href=&quot;https://www.cloudflare.com/website-terms/&quot;&gt;Condiciones de uso de los servicios en línea de Cloudflare&lt;/a&gt; y que Cloudflare se reserva el derecho de investigar su uso en busca de infracciones de dichas condiciones. Están pensados para pruebas y desarrollo.&lt;/p&gt;&lt;p&gt;Cualquiera que tenga la URL pública y un token de acceso puede usar tus claves de Gemini a través de ella. Hydra exige un token en cada petición pública y crea uno si no hay ninguno.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Accept and expose</source>
        <translation>Aceptar y exponer</translation>
    </message>
    <message>
        <source>cloudflared is needed</source>
        <translation>Se necesita cloudflared</translation>
    </message>
    <message>
        <source>&lt;p&gt;Exposing Hydra publicly runs Cloudflare&apos;s &lt;b&gt;cloudflared&lt;/b&gt; program, which was not found on this computer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Para exponer Hydra públicamente se ejecuta el programa &lt;b&gt;cloudflared&lt;/b&gt; de Cloudflare, que no se encontró en este equipo.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hydra can download cloudflared %1 for this computer (about 40 MB) from GitHub into %2. Before using it, Hydra checks it against the SHA-256 checksum Cloudflare published for that release.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hydra puede descargar cloudflared %1 para este equipo (unos 40 MB) desde GitHub en %2. Antes de usarlo, Hydra lo comprueba con la suma SHA-256 que Cloudflare publicó para esa versión.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hydra has no verified cloudflared download for this platform (%1), so it will not fetch one by itself. Get cloudflared from &lt;a href=&quot;https://github.com/cloudflare/cloudflared/releases&quot;&gt;github.com/cloudflare/cloudflared/releases&lt;/a&gt;, then put it on PATH or set its path in Settings.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hydra no tiene una descarga verificada de cloudflared para esta plataforma (%1), así que no la descargará por su cuenta. Consigue cloudflared en &lt;a href=&quot;https://github.com/cloudflare/cloudflared/releases&quot;&gt;github.com/cloudflare/cloudflared/releases&lt;/a&gt; y ponlo en el PATH o indica su ruta en Ajustes.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ExposureStatus</name>
    <message>
        <source>trycloudflare.com is limiting new quick tunnels from this network (error 1015).</source>
        <translation>trycloudflare.com está limitando los túneles rápidos nuevos desde esta red (error 1015).</translation>
    </message>
    <message>
        <source>trycloudflare.com cannot be reached: is this computer online?</source>
        <translation>No se puede acceder a trycloudflare.com: ¿está conectado este equipo?</translation>
    </message>
    <message>
        <source>The connection to trycloudflare.com was refused or cut: a firewall or proxy seems to block it.</source>
        <translation>La conexión con trycloudflare.com fue rechazada o cortada: parece que un cortafuegos o un proxy la bloquea.</translation>
    </message>
    <message>
        <source>trycloudflare.com did not answer in time.</source>
        <translation>trycloudflare.com no respondió a tiempo.</translation>
    </message>
    <message>
        <source>trycloudflare.com did not hand out a tunnel.</source>
        <translation>trycloudflare.com no entregó ningún túnel.</translation>
    </message>
    <message>
        <source>The tunnel cannot connect to Cloudflare (outgoing TCP port 7844 may be blocked).</source>
        <translation>El túnel no puede conectarse a Cloudflare (puede que el puerto TCP 7844 de salida esté bloqueado).</translation>
    </message>
    <message>
        <source>The tunnel could not be set up.</source>
        <translation>No se pudo preparar el túnel.</translation>
    </message>
    <message>
        <source>This cloudflared is too old for Hydra: use a recent release.</source>
        <translation>Este cloudflared es demasiado antiguo para Hydra: usa una versión reciente.</translation>
    </message>
    <message>
        <source>cloudflared updated itself and stopped.</source>
        <translation>cloudflared se actualizó solo y se detuvo.</translation>
    </message>
    <message>
        <source>cloudflared could not be run.</source>
        <translation>No se pudo ejecutar cloudflared.</translation>
    </message>
    <message>
        <source>cloudflared stopped unexpectedly.</source>
        <translation>cloudflared se detuvo de forma inesperada.</translation>
    </message>
    <message numerus="yes">
        <source>Hydra tries again in %n second(s).</source>
        <translation>
            <numerusform>Hydra lo vuelve a intentar en %n segundo.</numerusform>
            <numerusform>Hydra lo vuelve a intentar en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Detalles: %1</translation>
    </message>
</context>
<context>
    <name>GatewayPage</name>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Escuchar en:</translation>
    </message>
    <message>
        <source>&amp;Start the gateway when Hydra starts</source>
        <translation>&amp;Iniciar la pasarela al abrir Hydra</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>&amp;Upstream URL:</source>
        <translation>URL de &amp;origen:</translation>
    </message>
    <message>
        <source>https://generativelanguage.googleapis.com</source>
        <translation>https://generativelanguage.googleapis.com</translation>
    </message>
    <message>
        <source>&amp;cloudflared:</source>
        <translation>&amp;cloudflared:</translation>
    </message>
    <message>
        <source>found on PATH</source>
        <translation>se busca en el PATH</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Per-model request limits (empty: Google&apos;s free tier, or what Google reports):</source>
        <translation>Límites de peticiones por modelo (vacío: el nivel gratuito de Google o lo que informe Google):</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Requests per minute</source>
        <translation>Peticiones por minuto</translation>
    </message>
    <message>
        <source>Requests per day</source>
        <translation>Peticiones por día</translation>
    </message>
    <message>
        <source>Add &amp;limit</source>
        <translation>Añadir &amp;límite</translation>
    </message>
    <message>
        <source>&amp;Remove limit</source>
        <translation>&amp;Quitar límite</translation>
    </message>
</context>
<context>
    <name>KeyStatusText</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>No válida</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>No válida: %1</translation>
    </message>
    <message>
        <source>Google refused this key.</source>
        <translation>Google rechazó esta clave.</translation>
    </message>
    <message>
        <source>%1: per-minute limit, free in %2</source>
        <translation>%1: límite por minuto, libre en %2</translation>
    </message>
    <message>
        <source>%1: no free tier for this key</source>
        <translation>%1: esta clave no tiene nivel gratuito</translation>
    </message>
    <message>
        <source>%1: daily limit, free at midnight Pacific (in %2)</source>
        <translation>%1: límite diario, libre a medianoche del Pacífico (en %2)</translation>
    </message>
    <message>
        <source>%1: failing, retried in %2</source>
        <translation>%1: con fallos, se reintenta en %2</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Correcta</translation>
    </message>
    <message>
        <source>Limited for %1, free in %2</source>
        <translation>Limitada para %1, libre en %2</translation>
    </message>
    <message numerus="yes">
        <source>Limited for %n models, first free in %1</source>
        <translation>
            <numerusform>Limitada para %n modelo, el primero libre en %1</numerusform>
            <numerusform>Limitada para %n modelos, el primero libre en %1</numerusform>
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
        <translation>Pega claves de API de Gemini: una por línea, líneas de email,clave,proyecto o un array de keys.json. Cada clave se comprueba con Google antes de guardarla en el llavero del sistema. Usa una clave por proyecto de Google Cloud: las claves de un mismo proyecto comparten su cuota.</translation>
    </message>
    <message>
        <source>AIza…</source>
        <translation>AIza…</translation>
    </message>
    <message>
        <source>Check and &amp;add keys</source>
        <translation>Comprobar y &amp;añadir claves</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>&amp;Validar</translation>
    </message>
    <message>
        <source>Checks the selected keys (all keys when none is selected) with Google</source>
        <translation>Comprueba con Google las claves seleccionadas (todas si no hay ninguna seleccionada)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
</context>
<context>
    <name>LoginItem</name>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>no se puede crear la carpeta de %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>no se puede eliminar %1</translation>
    </message>
    <message>
        <source>cannot change %1</source>
        <translation>no se puede cambiar %1</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Hydra will use it again as soon as a key has quota.</source>
        <translation>Hydra lo volverá a usar en cuanto una clave tenga cuota.</translation>
    </message>
    <message numerus="yes">
        <source>Quota returns in about %n minute(s).</source>
        <translation>
            <numerusform>La cuota vuelve en unos %n minuto.</numerusform>
            <numerusform>La cuota vuelve en unos %n minutos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quota returns at %1 (Google resets daily quota at midnight Pacific time).</source>
        <translation>La cuota vuelve a las %1 (Google reinicia la cuota diaria a medianoche, hora del Pacífico).</translation>
    </message>
    <message>
        <source>All keys are out of quota for %1</source>
        <translation>Todas las claves están sin cuota para %1</translation>
    </message>
    <message>
        <source>Requests for %1 fail until then. %2</source>
        <translation>Las peticiones para %1 fallarán hasta entonces. %2</translation>
    </message>
    <message>
        <source>%1 is available again</source>
        <translation>%1 vuelve a estar disponible</translation>
    </message>
    <message>
        <source>A key has quota for %1 again.</source>
        <translation>Una clave vuelve a tener cuota para %1.</translation>
    </message>
    <message>
        <source>Key %1 stopped working</source>
        <translation>La clave %1 dejó de funcionar</translation>
    </message>
    <message>
        <source>Google refuses this key. Check or remove it in Settings.</source>
        <translation>Google rechaza esta clave. Revísala o quítala en Ajustes.</translation>
    </message>
    <message>
        <source>Google refuses this key: %1 Check or remove it in Settings.</source>
        <translation>Google rechaza esta clave: %1 Revísala o quítala en Ajustes.</translation>
    </message>
    <message>
        <source>Port %1 is in use</source>
        <translation>El puerto %1 está en uso</translation>
    </message>
    <message>
        <source>Another program listens on port %1, so the gateway could not start.</source>
        <translation>Otro programa escucha en el puerto %1, así que la pasarela no pudo iniciarse.</translation>
    </message>
    <message>
        <source>Port %1 is free: use it instead? Tools set up with the old port then need the new base URL.</source>
        <translation>El puerto %1 está libre: ¿usarlo en su lugar? Las herramientas configuradas con el puerto anterior necesitarán la nueva URL base.</translation>
    </message>
    <message>
        <source>Choose another port in Settings.</source>
        <translation>Elige otro puerto en Ajustes.</translation>
    </message>
    <message>
        <source>The gateway could not start</source>
        <translation>No se pudo iniciar la pasarela</translation>
    </message>
    <message>
        <source>Public URL ready</source>
        <translation>URL pública lista</translation>
    </message>
    <message>
        <source>%1
Click to copy it. Anyone with an access token can use your gateway through it.</source>
        <translation>%1
Haz clic para copiarla. Cualquiera con un token de acceso puede usar tu pasarela a través de ella.</translation>
    </message>
    <message>
        <source>The public URL is not available</source>
        <translation>La URL pública no está disponible</translation>
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
        <translation>No se puede crear la carpeta de configuración %1.</translation>
    </message>
</context>
<context>
    <name>SettingsChecks</name>
    <message>
        <source>Enter a port from 1024 to 65535.</source>
        <translation>Escribe un puerto de 1024 a 65535.</translation>
    </message>
    <message>
        <source>Ports below 1024 usually need administrator rights.</source>
        <translation>Los puertos por debajo de 1024 suelen necesitar permisos de administrador.</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL, or leave it empty for Google.</source>
        <translation>Escribe una URL http:// o https://, o déjalo vacío para usar Google.</translation>
    </message>
    <message>
        <source>Not an IP address.</source>
        <translation>No es una dirección IP.</translation>
    </message>
    <message>
        <source>Other computers could use your keys: create an access token first (Access tokens page).</source>
        <translation>Otros ordenadores podrían usar tus claves: crea primero un token de acceso (página Tokens de acceso).</translation>
    </message>
    <message>
        <source>Other computers on your network can reach the gateway; they need an access token.</source>
        <translation>Otros ordenadores de tu red pueden llegar a la pasarela; necesitan un token de acceso.</translation>
    </message>
    <message>
        <source>No program at that path.</source>
        <translation>No hay ningún programa en esa ruta.</translation>
    </message>
    <message>
        <source>Row %1 has no model name.</source>
        <translation>La fila %1 no tiene nombre de modelo.</translation>
    </message>
    <message>
        <source>Row %1: a model name has no spaces.</source>
        <translation>Fila %1: un nombre de modelo no tiene espacios.</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 aparece dos veces.</translation>
    </message>
    <message>
        <source>Row %1: limits are whole numbers from 1 up, or empty.</source>
        <translation>Fila %1: los límites son números enteros desde 1, o vacío.</translation>
    </message>
    <message>
        <source>Applying moves the gateway from %1:%2 to %3:%4. Requests in progress there get 30 seconds to finish, and your tools must use the new address. If Hydra is exposed, its public URL stays the same.</source>
        <translation>Al aplicar, la pasarela se mueve de %1:%2 a %3:%4. Las solicitudes en curso allí tienen 30 segundos para terminar y sus herramientas deben usar la nueva dirección. Si Hydra está expuesto, su URL pública no cambia.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Hydra Settings</source>
        <translation>Ajustes de Hydra</translation>
    </message>
</context>
<context>
    <name>ShellPrefs</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <source>Clients present an access token as their API key. Once a token exists, every client must present one, and the gateway may be opened to your network or exposed publicly. Creating and revoking take effect at once.</source>
        <translation>Los clientes presentan un token de acceso como su clave de API. En cuanto exista un token, todo cliente deberá presentar uno, y la pasarela podrá abrirse a tu red o exponerse públicamente. Crear y revocar surten efecto al instante.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>e.g. cursor</source>
        <translation>p. ej. cursor</translation>
    </message>
    <message>
        <source>&amp;Create token</source>
        <translation>&amp;Crear token</translation>
    </message>
    <message>
        <source>Copy the new token now: Hydra keeps only a fingerprint of it and cannot show it again.</source>
        <translation>Copia el nuevo token ahora: Hydra solo guarda una huella de él y no puede volver a mostrarlo.</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opiar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Último uso</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Revocar</translation>
    </message>
</context>
<context>
    <name>hydra::app::ConnectToolsDialog</name>
    <message>
        <source>Connect your tools</source>
        <translation>Conecta tus herramientas</translation>
    </message>
</context>
<context>
    <name>hydra::app::ConnectToolsWidget</name>
    <message>
        <source>Point your tools at Hydra: choose a tool and copy each value into it.</source>
        <translation>Apunta tus herramientas a Hydra: elige una herramienta y copia cada valor en ella.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>hydra::app::DashboardPanel</name>
    <message>
        <source>Keys</source>
        <translation>Claves</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>Peticiones recientes</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
</context>
<context>
    <name>hydra::app::DashboardWindow</name>
    <message>
        <source>Hydra Dashboard</source>
        <translation>Panel de Hydra</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Pasarela</translation>
    </message>
    <message>
        <source>Gateway running</source>
        <translation>Pasarela en marcha</translation>
    </message>
    <message>
        <source>Gateway running at %1</source>
        <translation>Pasarela en marcha en %1</translation>
    </message>
    <message>
        <source>Gateway stopped</source>
        <translation>Pasarela detenida</translation>
    </message>
    <message>
        <source>Gateway stopped: %1</source>
        <translation>Pasarela detenida: %1</translation>
    </message>
</context>
<context>
    <name>hydra::app::DesktopApp</name>
    <message>
        <source>Settings could not be read</source>
        <translation>No se pudieron leer los ajustes</translation>
    </message>
    <message>
        <source>The stored keys could not be read</source>
        <translation>No se pudieron leer las claves guardadas</translation>
    </message>
    <message>
        <source>Key %1 is missing from the keychain</source>
        <translation>Falta la clave %1 en el llavero</translation>
    </message>
    <message>
        <source>Remove it in Settings and add it again.</source>
        <translation>Quítala en Ajustes y añádela de nuevo.</translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation>Usar el puerto %1</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <source>Settings could not be saved</source>
        <translation>No se pudieron guardar los ajustes</translation>
    </message>
    <message>
        <source>Start at login could not be changed</source>
        <translation>No se pudo cambiar el inicio al iniciar sesión</translation>
    </message>
    <message>
        <source>%1. The gateway goes on with the keys it had.</source>
        <translation>%1. La pasarela sigue con las claves que tenía.</translation>
    </message>
    <message>
        <source>Hydra is stopping</source>
        <translation>Hydra se está deteniendo</translation>
    </message>
    <message numerus="yes">
        <source>Requests in progress get up to %n second(s) to finish.</source>
        <translation>
            <numerusform>Las solicitudes en curso tienen hasta %n segundo para terminar.</numerusform>
            <numerusform>Las solicitudes en curso tienen hasta %n segundos para terminar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hydra moved to %1</source>
        <translation>Hydra se movió a %1</translation>
    </message>
    <message>
        <source>Point your tools at the new address; the public URL stays the same.</source>
        <translation>Apunte sus herramientas a la nueva dirección; la URL pública no cambia.</translation>
    </message>
    <message>
        <source>Point your tools at the new address.</source>
        <translation>Apunte sus herramientas a la nueva dirección.</translation>
    </message>
    <message>
        <source>The new settings could not be applied</source>
        <translation>No se pudieron aplicar los nuevos ajustes</translation>
    </message>
    <message>
        <source>%1. The gateway goes on as it was.</source>
        <translation>%1. La pasarela sigue como estaba.</translation>
    </message>
</context>
<context>
    <name>hydra::app::ExposureFlow</name>
    <message>
        <source>Downloading cloudflared %1…</source>
        <translation>Descargando cloudflared %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Downloading cloudflared</source>
        <translation>Descargando cloudflared</translation>
    </message>
    <message>
        <source>cloudflared could not be downloaded: %1</source>
        <translation>No se pudo descargar cloudflared: %1</translation>
    </message>
</context>
<context>
    <name>hydra::app::GatewayPage</name>
    <message>
        <source>Port %1 is in use by another program.</source>
        <translation>El puerto %1 lo usa otro programa.</translation>
    </message>
    <message>
        <source>This computer has no address %1.</source>
        <translation>Este ordenador no tiene la dirección %1.</translation>
    </message>
    <message>
        <source>This computer only (127.0.0.1)</source>
        <translation>Solo este ordenador (127.0.0.1)</translation>
    </message>
    <message>
        <source>All networks (0.0.0.0): other computers can connect</source>
        <translation>Todas las redes (0.0.0.0): otros ordenadores pueden conectarse</translation>
    </message>
    <message>
        <source>Where is cloudflared?</source>
        <translation>¿Dónde está cloudflared?</translation>
    </message>
    <message>
        <source>Only %1: other computers can connect</source>
        <translation>Solo %1: otros ordenadores pueden conectarse</translation>
    </message>
</context>
<context>
    <name>hydra::app::KeyHealthModel</name>
    <message>
        <source>Requests this key answered in the last 60 seconds</source>
        <translation>Peticiones que esta clave respondió en los últimos 60 segundos</translation>
    </message>
    <message>
        <source>Requests this key answered today (local time)</source>
        <translation>Peticiones que esta clave respondió hoy (hora local)</translation>
    </message>
    <message>
        <source>Requests today against the known daily limit, per model; Google counts them per project and Pacific day</source>
        <translation>Peticiones de hoy frente al límite diario conocido, por modelo; Google las cuenta por proyecto y día del Pacífico</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>RPM</source>
        <translation>RPM</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>Cuota diaria</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
</context>
<context>
    <name>hydra::app::KeyJob</name>
    <message>
        <source>not in the OS keychain; remove it</source>
        <translation>no está en el llavero del sistema; quítala</translation>
    </message>
</context>
<context>
    <name>hydra::app::KeyTableModel</name>
    <message>
        <source>checking…</source>
        <translation>comprobando…</translation>
    </message>
    <message>
        <source>dead: %1</source>
        <translation>inválida: %1</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>sin comprobar</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>válida</translation>
    </message>
    <message>
        <source>no free tier</source>
        <translation>sin nivel gratuito</translation>
    </message>
    <message>
        <source>rate-limited</source>
        <translation>con límite de frecuencia</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>no válida</translation>
    </message>
    <message>
        <source>not checked (network error)</source>
        <translation>sin comprobar (error de red)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last validated</source>
        <translation>Última validación</translation>
    </message>
</context>
<context>
    <name>hydra::app::KeysPage</name>
    <message>
        <source>Line %1: %2</source>
        <translation>Línea %1: %2</translation>
    </message>
    <message>
        <source>Line %1: %2; left out</source>
        <translation>Línea %1: %2; omitida</translation>
    </message>
    <message>
        <source>These keys are not added yet: press &quot;Check and add keys&quot;, or clear the box.</source>
        <translation>Estas claves aún no se han añadido: pulsa &quot;Comprobar y añadir claves&quot; o vacía el cuadro.</translation>
    </message>
    <message>
        <source>Line %1 (%2)</source>
        <translation>Línea %1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>%1: added as %2</source>
        <translation>%1: añadida como %2</translation>
    </message>
    <message>
        <source>%1: not added: %2</source>
        <translation>%1: no añadida: %2</translation>
    </message>
    <message>
        <source>%1: not added: it does not work</source>
        <translation>%1: no añadida: no funciona</translation>
    </message>
    <message>
        <source>The OS keychain cannot be used: %1</source>
        <translation>No se puede usar el llavero del sistema: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) added.</source>
        <translation>
            <numerusform>%n clave añadida.</numerusform>
            <numerusform>%n claves añadidas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Comprobando</translation>
    </message>
    <message>
        <source>Validating</source>
        <translation>Validando</translation>
    </message>
    <message>
        <source>Remove keys</source>
        <translation>Quitar claves</translation>
    </message>
    <message>
        <source>Remove %1 from Hydra and the OS keychain? Keep a copy if you want to use it again.</source>
        <translation>¿Quitar %1 de Hydra y del llavero del sistema? Guarda una copia si quieres volver a usarla.</translation>
    </message>
    <message>
        <source>The label %1 is taken already.</source>
        <translation>La etiqueta %1 ya está en uso.</translation>
    </message>
</context>
<context>
    <name>hydra::app::OneTimeTokenDialog</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Access token for the public URL</source>
        <translation>Token de acceso para la URL pública</translation>
    </message>
    <message>
        <source>A public gateway must not be open to everyone, so Hydra created the access token &quot;%1&quot;. Tools that use the public URL (like Cursor) send it as their API key; local tools need it from now on too.</source>
        <translation>Una pasarela pública no debe estar abierta a todo el mundo, así que Hydra creó el token de acceso «%1». Las herramientas que usan la URL pública (como Cursor) lo envían como clave de API; a partir de ahora, las herramientas locales también lo necesitan.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy it now: it is shown only this once.&lt;/b&gt; Hydra keeps only a fingerprint of it. A lost token can be revoked, and a new one created, in Settings → Access tokens.</source>
        <translation>&lt;b&gt;Cópialo ahora: solo se muestra esta vez.&lt;/b&gt; Hydra guarda solo una huella de él. Un token perdido se puede revocar, y crear uno nuevo, en Ajustes → Tokens de acceso.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>hydra::app::RequestLogModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>%1 (public URL)</source>
        <translation>%1 (URL pública)</translation>
    </message>
    <message>
        <source>(no key)</source>
        <translation>(sin clave)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>%1 prompt + %2 completion</source>
        <translation>%1 de entrada + %2 de salida</translation>
    </message>
    <message numerus="yes">
        <source>%n other key(s) failed first</source>
        <translation>
            <numerusform>%n otra clave falló antes</numerusform>
            <numerusform>%n otras claves fallaron antes</numerusform>
        </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latencia</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Streamed</source>
        <translation>En streaming</translation>
    </message>
</context>
<context>
    <name>hydra::app::RpmChart</name>
    <message>
        <source>By key</source>
        <translation>Por clave</translation>
    </message>
    <message>
        <source>By model</source>
        <translation>Por modelo</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>hace %1 min</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>Requests per minute</source>
        <translation>Peticiones por minuto</translation>
    </message>
    <message>
        <source>Requests per minute, last hour</source>
        <translation>Peticiones por minuto, última hora</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otros</translation>
    </message>
    <message>
        <source>(no key)</source>
        <translation>(sin clave)</translation>
    </message>
    <message>
        <source>(no model)</source>
        <translation>(sin modelo)</translation>
    </message>
</context>
<context>
    <name>hydra::app::SettingsDialog</name>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Claves</translation>
    </message>
    <message>
        <source>&amp;Gateway</source>
        <translation>&amp;Pasarela</translation>
    </message>
    <message>
        <source>The saved settings could not be read (%1). Apply saves the ones shown.</source>
        <translation>No se pudieron leer los ajustes guardados (%1). Aplicar guarda los que se muestran.</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the fields marked in red first.</source>
        <translation>No se guardó nada: corrige primero los campos marcados en rojo.</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>No se pudieron guardar los ajustes: %1</translation>
    </message>
    <message>
        <source>Access &amp;tokens</source>
        <translation>&amp;Tokens de acceso</translation>
    </message>
</context>
<context>
    <name>hydra::app::TodayTotalsView</name>
    <message>
        <source>Requests today</source>
        <translation>Peticiones hoy</translation>
    </message>
    <message>
        <source>Requests finished today (local time)</source>
        <translation>Peticiones terminadas hoy (hora local)</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>Tokens hoy</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errores</translation>
    </message>
    <message>
        <source>Requests that ended with an error status today; a client leaving early is not one</source>
        <translation>Peticiones que terminaron hoy con un estado de error; un cliente que se va antes no cuenta</translation>
    </message>
    <message>
        <source>Saved by failover</source>
        <translation>Salvadas por conmutación</translation>
    </message>
    <message>
        <source>Requests that succeeded on another key after the first failed</source>
        <translation>Peticiones que tuvieron éxito con otra clave tras fallar la primera</translation>
    </message>
    <message>
        <source>Requests per minute</source>
        <translation>Peticiones por minuto</translation>
    </message>
    <message>
        <source>Requests finished in the last 60 seconds</source>
        <translation>Peticiones terminadas en los últimos 60 segundos</translation>
    </message>
    <message>
        <source>%1 prompt + %2 completion tokens today</source>
        <translation>%1 tokens de entrada + %2 de salida hoy</translation>
    </message>
</context>
<context>
    <name>hydra::app::TokensPage</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>Revocar token</translation>
    </message>
    <message>
        <source>Revoke %1? Clients using it are refused from now on.</source>
        <translation>¿Revocar %1? Los clientes que lo usan serán rechazados desde ahora.</translation>
    </message>
</context>
<context>
    <name>hydra::app::TrayMenu</name>
    <message>
        <source>Gateway stopped</source>
        <translation>Pasarela detenida</translation>
    </message>
    <message>
        <source>Gateway starting…</source>
        <translation>Iniciando la pasarela…</translation>
    </message>
    <message>
        <source>Running, but no keys: add keys in Settings</source>
        <translation>En marcha, pero sin claves: añade claves en Ajustes</translation>
    </message>
    <message>
        <source>Running, but no key works: check the keys in Settings</source>
        <translation>En marcha, pero ninguna clave funciona: revisa las claves en Ajustes</translation>
    </message>
    <message>
        <source>Running: %1 of %2 keys out of quota for now</source>
        <translation>En marcha: %1 de %2 claves sin cuota por ahora</translation>
    </message>
    <message numerus="yes">
        <source>Running with %n key(s)</source>
        <translation>
            <numerusform>En marcha con %n clave</numerusform>
            <numerusform>En marcha con %n claves</numerusform>
        </translation>
    </message>
    <message>
        <source>Hydra: %1</source>
        <translation>Hydra: %1</translation>
    </message>
    <message>
        <source>%1 · %2 RPM</source>
        <translation>%1 · %2 RPM</translation>
    </message>
    <message>
        <source>Public: %1</source>
        <translation>Pública: %1</translation>
    </message>
    <message>
        <source>Start gateway</source>
        <translation>Iniciar la pasarela</translation>
    </message>
    <message>
        <source>Stop gateway</source>
        <translation>Detener la pasarela</translation>
    </message>
    <message>
        <source>Expose publicly</source>
        <translation>Exponer públicamente</translation>
    </message>
    <message>
        <source>Start the gateway first</source>
        <translation>Inicia primero la pasarela</translation>
    </message>
    <message>
        <source>Copy local base URL</source>
        <translation>Copiar la URL base local</translation>
    </message>
    <message>
        <source>Public URL: connecting…</source>
        <translation>URL pública: conectando…</translation>
    </message>
    <message>
        <source>Dashboard…</source>
        <translation>Panel…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <source>Connect your tools…</source>
        <translation>Conecta tus herramientas…</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Iniciar al iniciar sesión</translation>
    </message>
    <message>
        <source>Quit Hydra</source>
        <translation>Salir de Hydra</translation>
    </message>
    <message>
        <source>Expose publicly (starting…)</source>
        <translation>Exponer públicamente (iniciando…)</translation>
    </message>
    <message>
        <source>Expose publicly (on)</source>
        <translation>Exponer públicamente (activado)</translation>
    </message>
    <message>
        <source>Expose publicly (reconnecting…)</source>
        <translation>Exponer públicamente (reconectando…)</translation>
    </message>
    <message>
        <source>Expose publicly (failed)</source>
        <translation>Exponer públicamente (falló)</translation>
    </message>
    <message>
        <source>Public: %1 (reconnecting…)</source>
        <translation>Pública: %1 (reconectando…)</translation>
    </message>
    <message>
        <source>Public URL failed: %1</source>
        <translation>La URL pública falló: %1</translation>
    </message>
    <message>
        <source>Make the gateway reachable from the internet through a Cloudflare quick tunnel (needed by Cursor); every request needs an access token</source>
        <translation>Hace que la pasarela sea accesible desde internet mediante un túnel rápido de Cloudflare (lo necesita Cursor); cada petición necesita un token de acceso</translation>
    </message>
    <message>
        <source>Copy public URL: %1</source>
        <translation>Copiar URL pública: %1</translation>
    </message>
    <message>
        <source>Copy the public base URL for tools like Cursor</source>
        <translation>Copia la URL base pública para herramientas como Cursor</translation>
    </message>
    <message>
        <source>Gateway stopping: requests in progress are finishing…</source>
        <translation>Pasarela deteniéndose: las solicitudes en curso están terminando…</translation>
    </message>
    <message>
        <source>Expose publicly (stopping…)</source>
        <translation>Exponer públicamente (deteniéndose…)</translation>
    </message>
    <message>
        <source>Public: %1 (closing: requests in progress are finishing…)</source>
        <translation>Pública: %1 (cerrando: las solicitudes en curso están terminando…)</translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomeCheckPage</name>
    <message>
        <source>Checking your keys</source>
        <translation>Comprobando tus claves</translation>
    </message>
    <message>
        <source>Each key is asked for the model list and one tiny answer, as the gateway would. Working keys go to your system&apos;s keychain.</source>
        <translation>A cada clave se le pide la lista de modelos y una respuesta mínima, como haría la pasarela. Las claves que funcionan se guardan en el llavero del sistema.</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>comprobando…</translation>
    </message>
    <message>
        <source>Could not store the keys: %1</source>
        <translation>No se pudieron guardar las claves: %1</translation>
    </message>
    <message>
        <source>None of these keys works. Go back to paste others.</source>
        <translation>Ninguna de estas claves funciona. Vuelve atrás para pegar otras.</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) stored. The gateway is starting.</source>
        <translation>
            <numerusform>%n clave guardada. La pasarela se está iniciando.</numerusform>
            <numerusform>%n claves guardadas. La pasarela se está iniciando.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomeConnectPage</name>
    <message>
        <source>Connect your tools</source>
        <translation>Conecta tus herramientas</translation>
    </message>
    <message>
        <source>Hydra runs in the tray. Use these values in your editor or code; the tray menu shows them again under Connect your tools.</source>
        <translation>Hydra funciona en la bandeja. Usa estos valores en tu editor o tu código; el menú de la bandeja los vuelve a mostrar en Conecta tus herramientas.</translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomeIntroPage</name>
    <message>
        <source>Welcome to Hydra</source>
        <translation>Bienvenido a Hydra</translation>
    </message>
    <message>
        <source>Hydra pools your free Gemini API keys behind one OpenAI-compatible address on this computer.</source>
        <translation>Hydra reúne tus claves gratuitas de la API de Gemini tras una única dirección compatible con OpenAI en este ordenador.</translation>
    </message>
    <message>
        <source>&lt;b&gt;One key per Google Cloud project.&lt;/b&gt; Google counts the free quota per project, not per key: keys made in the same project share one quota, so a second key there adds nothing. Make each key in a project of its own.</source>
        <translation>&lt;b&gt;Una clave por proyecto de Google Cloud.&lt;/b&gt; Google cuenta la cuota gratuita por proyecto, no por clave: las claves creadas en el mismo proyecto comparten una cuota, así que una segunda clave allí no añade nada. Crea cada clave en un proyecto propio.</translation>
    </message>
    <message>
        <source>&lt;b&gt;How to make keys:&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Open Google AI Studio&apos;s API keys page (button below) and sign in.&lt;/li&gt;&lt;li&gt;Click &lt;i&gt;Create API key&lt;/i&gt; and choose &lt;i&gt;Create API key in new project&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;Repeat for as many projects as you want keys.&lt;/li&gt;&lt;li&gt;Copy the keys; you will paste them on the next page.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;b&gt;Cómo crear claves:&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Abre la página de claves de API de Google AI Studio (botón de abajo) e inicia sesión.&lt;/li&gt;&lt;li&gt;Haz clic en &lt;i&gt;Create API key&lt;/i&gt; y elige &lt;i&gt;Create API key in new project&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;Repite con tantos proyectos como claves quieras.&lt;/li&gt;&lt;li&gt;Copia las claves; las pegarás en la página siguiente.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Open Google AI Studio</source>
        <translation>Abrir Google AI Studio</translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomePastePage</name>
    <message>
        <source>Paste your keys</source>
        <translation>Pega tus claves</translation>
    </message>
    <message>
        <source>One key per line, lines of email,key,project (as a spreadsheet copies them), or a keys.json array.</source>
        <translation>Una clave por línea, líneas de email,clave,proyecto (como las copia una hoja de cálculo) o un array de keys.json.</translation>
    </message>
    <message>
        <source>AIza…
AIza…</source>
        <translation>AIza…
AIza…</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Línea %1: %2</translation>
    </message>
    <message>
        <source>Line %1: %2 (left out)</source>
        <translation>Línea %1: %2 (omitida)</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) ready to check.</source>
        <translation>
            <numerusform>%n clave lista para comprobar.</numerusform>
            <numerusform>%n claves listas para comprobar.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hydra::app::WelcomeWizard</name>
    <message>
        <source>Welcome to Hydra</source>
        <translation>Bienvenido a Hydra</translation>
    </message>
</context>
</TS>
