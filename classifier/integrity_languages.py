"""The concepts of tool poisoning (``integrity_concepts``) in the other languages servers are written in: data only.

Servers describe their tools in German, French, Spanish, Portuguese, Italian, Russian, Chinese and Japanese as well
as in English, and a poisoned sentence in any of them is built of the same concepts: the agent addressed, an order,
the user in the third person, other tools and servers, the agent's context, secrets, approval waived, a threat. The
learned weights are mostly on concepts and their pairs, not on stems, so a stem here carries what the English
training sentences taught about its concept to a language nobody trained on.

Stems of Latin and Cyrillic script start a word, as the English ones do; Chinese and Japanese run words together,
so their stems match anywhere (``integrity_reader.Lexicon``), none ends in "$" and none is an imperative (a
verb that must end its word). Each stem is a common word for its concept, not the wording of one attack.
"""

LANGUAGES: dict[str, tuple[str, ...]] = {
    "address": (
        "assistent", "asistente", "assistente", "ki$", "ia$", "vous$", "usted", "você", "ассистент", "модел", "ии$",
        "вы$", "вам$", "助手", "你", "アシスタント", "あなた",
    ),
    "modal": (
        "muss", "müssen", "immer$", "niemals", "nie$", "bitte$", "unbedingt", "sollte", "stets", "doit", "doivent",
        "devez", "toujours", "jamais", "impérativement", "obligatoire", "veuillez", "il faut", "debe$", "deben",
        "siempre", "nunca", "obligatori", "por favor", "hay que", "deve$", "devem", "sempre", "obrigatóri", "должн",
        "всегда", "никогда", "обязательно", "пожалуйста", "необходимо", "нужно", "必须", "务必", "始终", "总是",
        "永远", "一定", "请将", "请把", "请先", "请在", "请勿", "请使用", "请调用", "不要", "应该", "应当", "必ず",
        "常に", "ください", "なければ", "絶対",
    ),
    "person": (
        "nutzer", "benutzer", "anwender", "utilisateur", "l'utilisateur", "usuario", "usuário", "utilizador",
        "пользовател", "клиент", "用户", "客户", "ユーザー", "利用者",
    ),
    "approval": (
        "bestätig", "zustimm", "genehmig", "erlaubnis", "rückfrage", "nachfrag", "freigabe", "verifiziert", "geprüft",
        "approuv", "autoris", "demander", "certifié", "vérifié", "aprob", "autoriz", "permiso", "consentimiento",
        "preguntar", "verificad", "certificad", "aprov", "permissão", "consentimento", "perguntar", "подтвержд",
        "разрешени", "соглас", "спрашива", "спросит", "одобр", "проверен", "确认", "批准", "授权", "同意", "许可",
        "询问", "审核", "审批", "確認", "承認", "許可", "尋ね",
    ),
    "threat": (
        "sonst", "andernfalls", "verloren", "gelöscht", "gesperrt", "deaktiviert", "funktioniert nicht", "schuld",
        "verantwortlich", "sinon", "perdra", "perdu", "désactivé", "bloqué", "faute", "responsab", "ne fonctionnera",
        "échou", "de lo contrario", "perderá", "perdid", "bloquead", "desactivad", "culpa", "no funcionará",
        "altrimenti", "smette di funzionare", "non funzionerà",
        "caso contrário", "senão", "desativad", "não funcionará", "fracassar", "иначе", "в противном случае", "потер",
        "заблокир", "отключ", "вина", "ответствен", "не будет работать", "否则", "崩溃", "丢失", "禁用", "责任",
        "封禁", "无法工作", "无法运行", "损坏", "さもないと", "しないと", "無効化", "失われ", "責任", "動作しません",
    ),
    "context": (
        "konversation", "unterhaltung", "gespräch", "verlauf", "systemprompt", "anweisung", "kontext", "historique",
        "invite système", "conversación", "historial", "instruccion", "indicaciones", "mensajes", "conversa$",
        "histórico", "instruções", "разговор", "диалог", "истори", "контекст", "инструкци", "системн", "промпт",
        "сообщени", "对话", "会话", "聊天记录", "历史", "上下文", "系统提示", "指令", "提示词", "会話", "履歴",
        "コンテキスト", "システムプロンプト", "指示", "プロンプト", "チャット",
    ),
    "secret": (
        "schlüssel", "passwort", "kennwort", "zugangsdaten", "anmeldedaten", "geheim", "clé", "mot de passe",
        "identifiants", "jeton", "clave", "contraseña", "credencial", "entorno", "chave", "senha", "ключ", "пароль",
        "токен", "учетн", "учётн", "секрет", "окружени", "密钥", "密码", "令牌", "凭证", "凭据", "环境变量", "私钥",
        "パスワード", "トークン", "秘密鍵", "認証情報", "環境変数", "ログイン",
    ),
    "tools": (
        "werkzeug", "dienst", "outil", "serveur", "herramienta", "servidor", "ferramenta", "инструмент", "сервер",
        "工具", "服务器", "ツール", "サーバー",
    ),
    "steer": (
        "spiegel", "weiterleit", "senden", "hinzufüg", "anhäng", "kopie", "stattdessen", "ersetz", "umleit", "envoy",
        "ajout", "copie$", "au lieu", "remplac", "redirig", "reenv", "enviar", "envía", "envia", "envie", "añad",
        "agreg", "copia", "en lugar", "en vez", "reemplaz", "encaminh", "adicion", "cópia", "em vez", "substitua",
        "substituir", "redirecion", "перенаправ", "отправ", "добав", "копи", "вместо", "замен", "пересыл", "转发",
        "发送", "添加", "附加", "抄送", "密送", "替换", "改为", "设为", "转送", "転送", "送信", "追加", "コピー",
        "代わりに", "置き換え",
    ),
    "elsewhere": (
        "anderer server", "anderen server", "jedem server", "autre serveur", "autres serveurs", "otro servidor",
        "otros servidores", "cualquier otro", "cualquier servidor", "outro servidor", "outros servidores",
        "qualquer servidor", "tout autre", "toute autre", "qualquer outr", "jedes andere", "jede andere",
        "jeder andere", "других сервер", "другом сервер", "любого сервер", "любом сервер", "其他服务器",
        "其他工具", "任何服务器", "所有工具", "以外のツール", "他のサーバー", "他のツール", "以外の",
    ),
    "whole": (
        "gesamte", "vollständig", "entier", "entière", "complet$", "complète", "completo$", "completa$", "toute la",
        "tous les", "todo el", "todos los", "toda la", "inteiro", "todo o$", "todos os", "toda a$", "полн", "целиком",
        "全部", "所有", "完整", "全て", "すべて", "全文",
    ),
    "waived": (
        "nicht nötig", "nicht notwendig", "nicht erforderlich", "ohne", "bereits", "sans$", "inutile", "déjà",
        "pas besoin", "sin$", "innecesari", "no es necesario", "no hace falta", "sem$", "desnecessári", "já$",
        "não é necessário", "não precisa", "без$", "не нужно", "нет необходимости", "уже", "не спраш", "无需",
        "不需要", "不必", "直接", "已经", "已通过", "自动", "不要", "必要はありません", "せずに", "既に", "すでに",
        "自動",
    ),
    "ritual": (
        "vor jedem", "jedes mal", "avant chaque", "à chaque", "antes de cada", "cada vez", "toda vez", "перед каждым",
        "каждый раз", "每次", "毎回",
    ),
    "hook": (
        "aufgerufen wird", "verwendet wird", "benutzt wird", "est utilisé", "est appelé", "sont utilisés",
        "est invoqué", "se utiliza", "se usa$", "se invoca", "sea llamad", "for usad", "for chamad", "é chamad",
        "é usad", "вызывается", "используется", "被调用", "调用时", "使用时", "工具时", "当使用", "呼び出される",
        "呼び出す際", "使用する際",
    ),
    "consequence": (
        "führt zu", "entraîne", "provocará", "resultará", "приведет", "приведёт", "将会", "导致", "なります",
    ),
    "imperative": (
        "lies", "gib", "füge", "sende", "kopiere", "schicke", "rufe", "setze", "nutze", "verwende", "trage",
        "ajoutez", "envoyez", "copiez", "collez", "lisez", "incluez", "appelez", "utilisez", "indiquez", "fournissez",
        "transmettez", "mettez", "añada", "envíe", "pegue", "lea", "incluya", "llame", "utilice", "indique",
        "proporcione", "ponga", "agregue", "establezca", "copie", "adicione", "envie", "cole", "leia", "inclua",
        "chame", "utilize", "informe", "forneça", "coloque", "defina", "добавьте", "отправьте", "скопируйте",
        "вставьте", "прочитайте", "укажите", "вызовите", "используйте", "передайте", "замените",
    ),
}
