<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa_IR">
<context>
    <name>AcceptAboveDialog</name>
    <message>
        <source>Accept All Above Score</source>
        <translation>پذیرفتن همه بالاتر از یک امتیاز</translation>
    </message>
    <message>
        <source>every model</source>
        <translation>همهٔ مدل‌ها</translation>
    </message>
    <message>
        <source>this document</source>
        <translation>همین سند</translation>
    </message>
    <message>
        <source>every document of the project</source>
        <translation>همهٔ سندهای پروژه</translation>
    </message>
    <message>
        <source>Suggestions that would overlap a label stay to be reviewed. One undo takes the whole step back.</source>
        <translation>پیشنهادهایی که با برچسبی هم‌پوشانی دارند برای بازبینی می‌مانند. یک واگرد همهٔ این کار را برمی‌گرداند.</translation>
    </message>
    <message>
        <source>Lowest score:</source>
        <translation>کمترین امتیاز:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>مدل:</translation>
    </message>
    <message>
        <source>In:</source>
        <translation>در:</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;ورود مقاله‌ها…</translation>
    </message>
    <message>
        <source>Add articles from files or a folder</source>
        <translation>افزودن مقاله از پرونده‌ها یا یک پوشه</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>ورود یک &amp;پوشه…</translation>
    </message>
    <message>
        <source>Add every article in a folder</source>
        <translation>افزودن همهٔ مقاله‌های یک پوشه</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;خروجی گرفتن…</translation>
    </message>
    <message>
        <source>Write the labelled documents as a dataset</source>
        <translation>نوشتن سندهای برچسب‌خورده به‌صورت مجموعه‌داده</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>واگرد</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>ازنو</translation>
    </message>
    <message>
        <source>&amp;Delete Span</source>
        <translation>&amp;حذف برچسب</translation>
    </message>
    <message>
        <source>Remove the selected span</source>
        <translation>حذف برچسب انتخاب‌شده</translation>
    </message>
    <message>
        <source>Mark Done &amp;&amp; &amp;Next</source>
        <translation>پایان و &amp;بعدی</translation>
    </message>
    <message>
        <source>Mark this document done and open the next one not done</source>
        <translation>این سند انجام‌شده علامت بخورد و سند انجام‌نشدهٔ بعدی باز شود</translation>
    </message>
    <message>
        <source>&amp;Previous Document</source>
        <translation>سند &amp;قبلی</translation>
    </message>
    <message>
        <source>N&amp;ext Document</source>
        <translation>سند &amp;بعدی</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;درشت‌تر</translation>
    </message>
    <message>
        <source>Larger article text</source>
        <translation>متن مقاله درشت‌تر</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;ریزتر</translation>
    </message>
    <message>
        <source>Smaller article text</source>
        <translation>متن مقاله ریزتر</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>اندازهٔ &amp;پیش‌فرض</translation>
    </message>
    <message>
        <source>System</source>
        <translation>زبان سیستم</translation>
    </message>
    <message>
        <source>&amp;About Annotator</source>
        <translation>&amp;دربارهٔ برچسب‌زن</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;کلیدهای میان‌بر</translation>
    </message>
    <message>
        <source>Label as {name}</source>
        <translation>برچسب {name}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;پرونده</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;ویرایش</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;برچسب</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;سند</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;نما</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;زبان</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>نوار ابزار اصلی</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Annotator</source>
        <translation>برچسب‌زن</translation>
    </message>
    <message>
        <source>Warning: {problem}</source>
        <translation>هشدار: {problem}</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>{span} — model {model}, {score}</source>
        <translation>{span} — مدل {model}، {score}</translation>
    </message>
    <message>
        <source>{span} — model {model}</source>
        <translation>{span} — مدل {model}</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>پذیرفته</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>ردشده</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>label the selection, or the word at the caret, as ACTOR, EVENT, LOCATION</source>
        <translation>برچسب زدن به متن انتخاب‌شده، یا واژهٔ زیر مکان‌نما، با ACTOR، EVENT، LOCATION</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>remove the selected span</source>
        <translation>حذف برچسب انتخاب‌شده</translation>
    </message>
    <message>
        <source>undo / redo, also across documents</source>
        <translation>واگرد / ازنو، در همهٔ سندها</translation>
    </message>
    <message>
        <source>mark the document done and open the next one</source>
        <translation>پایان این سند و باز کردن سند بعدی</translation>
    </message>
    <message>
        <source>on an EVENT span: open its frame, typing the event type&apos;s first letters</source>
        <translation>روی برچسب EVENT: باز کردن چارچوب رویدادش، با تایپ حرف‌های اول نوع رویداد</translation>
    </message>
    <message>
        <source>add the span at the caret to the open frame as actor, recipient, location</source>
        <translation>افزودن برچسب زیر مکان‌نما به چارچوب باز در نقش کنشگر، گیرنده، مکان</translation>
    </message>
    <message>
        <source>take the span at the caret out of the open frame</source>
        <translation>بیرون بردن برچسب زیر مکان‌نما از چارچوب باز</translation>
    </message>
    <message>
        <source>delete the open frame&apos;s event / close the frame</source>
        <translation>حذف رویداد چارچوب باز / بستن چارچوب</translation>
    </message>
    <message>
        <source>previous / next document (PgUp / PgDn in the list)</source>
        <translation>سند قبلی / بعدی (در فهرست: PgUp / PgDn)</translation>
    </message>
    <message>
        <source>larger / smaller text</source>
        <translation>متن درشت‌تر / ریزتر</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Selections snap outward to whole words.</source>
        <translation>انتخاب‌ها تا مرز واژه‌های کامل گسترش می‌یابند.</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>کلیدهای میان‌بر</translation>
    </message>
    <message>
        <source>About Annotator</source>
        <translation>دربارهٔ برچسب‌زن</translation>
    </message>
    <message>
        <source>&lt;b&gt;Annotator&lt;/b&gt; {version}&lt;br&gt;Label actors, events and locations in Persian news.&lt;br&gt;&lt;br&gt;Font: Vazirmatn, © the Vazirmatn project authors, SIL Open Font License 1.1.&lt;br&gt;Sample articles: the first is from Mehr news (26 Aban 1404); the others were written for this project and are free to use.&lt;br&gt;Code: MIT License.</source>
        <translation>&lt;b&gt;برچسب‌زن&lt;/b&gt; {version}&lt;br&gt;برچسب‌گذاری کنشگرها، رویدادها و مکان‌ها در خبرهای فارسی.&lt;br&gt;&lt;br&gt;قلم: وزیرمتن، © پدیدآورندگان پروژهٔ وزیرمتن، با پروانهٔ SIL Open Font License 1.1.&lt;br&gt;مقاله‌های نمونه: اولی از خبرگزاری مهر (۲۶ آبان ۱۴۰۴)؛ بقیه برای این پروژه نوشته شده‌اند و استفاده از آن‌ها آزاد است.&lt;br&gt;کد: پروانهٔ MIT.</translation>
    </message>
    <message>
        <source>select the next suggestion to review</source>
        <translation>انتخاب پیشنهاد بعدی برای بازبینی</translation>
    </message>
    <message>
        <source>A  or  Enter</source>
        <translation>A  یا  Enter</translation>
    </message>
    <message>
        <source>accept the suggestion</source>
        <translation>پذیرفتن پیشنهاد</translation>
    </message>
    <message>
        <source>reject the suggestion</source>
        <translation>رد کردن پیشنهاد</translation>
    </message>
    <message>
        <source>on a suggestion: accept it under that label</source>
        <translation>روی یک پیشنهاد: پذیرفتن آن با آن برچسب</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <source>{labels} labels, {pending} suggestions to review</source>
        <translation>{labels} برچسب، {pending} پیشنهاد برای بازبینی</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>همهٔ وضعیت‌ها</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>انجام‌نشده</translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <source>Only the documents assigned to you</source>
        <translation>فقط سندهایی که به شما سپرده شده‌اند</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>سپرده به من</translation>
    </message>
    <message>
        <source>Filter by text…</source>
        <translation>پالایش با متن…</translation>
    </message>
    <message>
        <source>The text of {n} documents is not indexed yet (it is being indexed): they are found by title and id only until then.</source>
        <translation>متن {n} سند هنوز نمایه نشده است (در حال نمایه شدن است): تا آن زمان فقط با عنوان و شناسه پیدا می‌شوند.</translation>
    </message>
    <message>
        <source>Titles and ids holding the text, and articles holding its words in a row (the last one as the beginning of a word), whatever the spelling: ي/ی, ك/ک, diacritics, kashida, a ZWNJ or a space.</source>
        <translation>عنوان‌ها و شناسه‌هایی که این متن را دارند، و مقاله‌هایی که واژه‌های آن را پشت سر هم دارند (واژهٔ آخر به‌عنوان آغاز یک واژه)، با هر املایی: ي/ی، ك/ک، اعراب، کشیده، نیم‌فاصله یا فاصله.</translation>
    </message>
    <message>
        <source>Search titles and article text…</source>
        <translation>جست‌وجو در عنوان‌ها و متن مقاله‌ها…</translation>
    </message>
    <message>
        <source>Import order</source>
        <translation>ترتیب ورود</translation>
    </message>
    <message>
        <source>Most uncertain first</source>
        <translation>نامطمئن‌ترین در آغاز</translation>
    </message>
    <message>
        <source>Most uncertain first: the documents not done, the one the model is least sure of first</source>
        <translation>نامطمئن‌ترین در آغاز: سندهای انجام‌نشده، آن‌که مدل کمتر از همه به آن مطمئن است در آغاز</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>هر برچسبی</translation>
    </message>
</context>
<context>
    <name>Edit</name>
    <message>
        <source>label {label} {text}</source>
        <translation>برچسب {label} {text}</translation>
    </message>
    <message>
        <source>delete {label} {text}</source>
        <translation>حذف {label} {text}</translation>
    </message>
    <message>
        <source>relabel {text} {before} → {after}</source>
        <translation>تغییر برچسب {text} از {before} به {after}</translation>
    </message>
    <message>
        <source>mark {status}</source>
        <translation>وضعیت: {status}</translation>
    </message>
    <message>
        <source>accept {label} {text}</source>
        <translation>پذیرش {label} {text}</translation>
    </message>
    <message>
        <source>add event {type} {text}</source>
        <translation>افزودن رویداد {type} {text}</translation>
    </message>
    <message>
        <source>delete event {type} {text}</source>
        <translation>حذف رویداد {type} {text}</translation>
    </message>
    <message>
        <source>event {text} {before} → {after}</source>
        <translation>رویداد {text} {before} → {after}</translation>
    </message>
    <message>
        <source>{role} {text} of {type} {trigger}</source>
        <translation>{role} {text} برای {type} {trigger}</translation>
    </message>
    <message>
        <source>remove {role} {text} from {type} {trigger}</source>
        <translation>برداشتن {role} {text} از {type} {trigger}</translation>
    </message>
    <message>
        <source>accept {text} as {after} (suggested {before})</source>
        <translation>پذیرش {text} با برچسب {after} (پیشنهاد: {before})</translation>
    </message>
    <message>
        <source>accept {label} {text} with new boundaries</source>
        <translation>پذیرش {label} {text} با مرزهای تازه</translation>
    </message>
    <message>
        <source>reject {label} {text}</source>
        <translation>رد {label} {text}</translation>
    </message>
    <message>
        <source>undo {edit}</source>
        <translation>واگرد {edit}</translation>
    </message>
</context>
<context>
    <name>EventActions</name>
    <message>
        <source>Add the arguments suggested for the open frame (greyed in the panel), as one step</source>
        <translation>نقش‌هایی که برای چارچوب باز پیشنهاد شده (خاکستری در پنل) یک‌جا افزوده شوند</translation>
    </message>
    <message>
        <source>Take the &amp;Suggested Arguments</source>
        <translation>افزودن نقش‌های &amp;پیشنهادی</translation>
    </message>
    <message>
        <source>Event &amp;Frame…</source>
        <translation>&amp;چارچوب رویداد…</translation>
    </message>
    <message>
        <source>Open the frame of the EVENT span at the caret: its event, made when it has none, and its type</source>
        <translation>باز کردن چارچوب برچسب EVENT زیر مکان‌نما: رویدادش (اگر ندارد، ساخته می‌شود) و نوع آن</translation>
    </message>
    <message>
        <source>Add as &amp;Actor</source>
        <translation>افزودن در نقش &amp;کنشگر</translation>
    </message>
    <message>
        <source>Add the span at the caret to the open frame as its actor</source>
        <translation>افزودن برچسب زیر مکان‌نما به چارچوب باز در نقش کنشگر</translation>
    </message>
    <message>
        <source>Add as &amp;Recipient</source>
        <translation>افزودن در نقش &amp;گیرنده</translation>
    </message>
    <message>
        <source>Add the span at the caret to the open frame as its recipient</source>
        <translation>افزودن برچسب زیر مکان‌نما به چارچوب باز در نقش گیرنده</translation>
    </message>
    <message>
        <source>Add as &amp;Location</source>
        <translation>افزودن در نقش &amp;مکان</translation>
    </message>
    <message>
        <source>Add the span at the caret to the open frame as its location</source>
        <translation>افزودن برچسب زیر مکان‌نما به چارچوب باز در نقش مکان</translation>
    </message>
    <message>
        <source>&amp;Take Out of the Frame</source>
        <translation>&amp;بیرون بردن از چارچوب</translation>
    </message>
    <message>
        <source>Take the span at the caret out of the open frame</source>
        <translation>بیرون بردن برچسب زیر مکان‌نما از چارچوب باز</translation>
    </message>
    <message>
        <source>&amp;Delete Event</source>
        <translation>&amp;حذف رویداد</translation>
    </message>
    <message>
        <source>Delete the open frame&apos;s event (its spans stay)</source>
        <translation>حذف رویداد چارچوب باز (برچسب‌هایش می‌مانند)</translation>
    </message>
    <message>
        <source>&amp;Close Frame</source>
        <translation>&amp;بستن چارچوب</translation>
    </message>
    <message>
        <source>Close the open frame</source>
        <translation>بستن چارچوب باز</translation>
    </message>
    <message>
        <source>E&amp;vents</source>
        <translation>&amp;رویدادها</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>No arguments to suggest for this frame: earlier frames had none of its sentence's labels.</source>
        <translation>پیشنهادی برای این چارچوب نیست: هیچ‌یک از برچسب‌های این جمله در چارچوب‌های پیشین نقشی نداشته است.</translation>
    </message>
    <message>
        <source>Put the caret in an EVENT span (or click one), then press E to open its frame.</source>
        <translation>مکان‌نما را در یک برچسب EVENT بگذارید (یا روی آن کلیک کنید) و E را بزنید تا چارچوبش باز شود.</translation>
    </message>
    <message>
        <source>Type the event type&apos;s first letters, then Enter (Esc: no change).</source>
        <translation>حرف‌های اول نوع رویداد را بنویسید و Enter را بزنید (Esc: بدون تغییر).</translation>
    </message>
    <message>
        <source>Frame open: J actor, K recipient, L location for the span at the caret.</source>
        <translation>چارچوب باز است: J کنشگر، K گیرنده، L مکان، برای برچسب زیر مکان‌نما.</translation>
    </message>
    <message>
        <source>No frame is open: put the caret in an EVENT span and press E.</source>
        <translation>چارچوبی باز نیست: مکان‌نما را در یک برچسب EVENT بگذارید و E را بزنید.</translation>
    </message>
    <message>
        <source>No span at the caret: put the caret in a span, or click one (label it first with 1 or 3).</source>
        <translation>برچسبی زیر مکان‌نما نیست: مکان‌نما را در یک برچسب بگذارید یا روی آن کلیک کنید (اگر برچسب ندارد، اول با 1 یا 3 برچسبش بزنید).</translation>
    </message>
    <message>
        <source>The trigger cannot leave its frame: Shift+Delete deletes the event.</source>
        <translation>واژهٔ رویداد نمی‌تواند از چارچوبش بیرون برود: Shift+Delete خود رویداد را حذف می‌کند.</translation>
    </message>
    <message>
        <source>No event to delete: open a frame (E on an EVENT span) first.</source>
        <translation>رویدادی برای حذف نیست: اول چارچوبی باز کنید (E روی یک برچسب EVENT).</translation>
    </message>
</context>
<context>
    <name>EventPanel</name>
    <message>
        <source>{type} — suggested: {n} of {m}</source>
        <translation>{type} — پیشنهاد: {n} از {m}</translation>
    </message>
    <message>
        <source>Shift+E takes the suggested arguments (greyed).</source>
        <translation>Shift+E نقش‌های پیشنهادی (خاکستری) را می‌افزاید.</translation>
    </message>
    <message>
        <source>{text} (suggested: {n} of {m})</source>
        <translation>{text} (پیشنهاد: {n} از {m})</translation>
    </message>
    <message>
        <source>{role}?</source>
        <translation>{role}؟</translation>
    </message>
    <message>
        <source>Type the event type&apos;s first letters</source>
        <translation>حرف‌های اول نوع رویداد را بنویسید</translation>
    </message>
    <message>
        <source>Events ({n})</source>
        <translation>رویدادها ({n})</translation>
    </message>
    <message>
        <source>no {roles} yet</source>
        <translation>هنوز بدون {roles}</translation>
    </message>
    <message>
        <source>E on an EVENT span: its frame (type the type&apos;s first letters, Enter). Then, with the caret in a span: J actor, K recipient, L location, O takes it out; Shift+Delete deletes the event, Esc closes the frame.</source>
        <translation>با مکان‌نما در یک برچسب EVENT، کلید E چارچوب رویدادش را باز می‌کند (حرف‌های اول نوع را بنویسید و Enter). سپس با مکان‌نما در هر برچسب: J کنشگر، K گیرنده، L مکان، O بیرون بردن از چارچوب؛ Shift+Delete حذف رویداد، Esc بستن چارچوب.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>خروجی</translation>
    </message>
    <message>
        <source>JSONL (one document per line)</source>
        <translation>JSONL (هر سند در یک سطر)</translation>
    </message>
    <message>
        <source>CoNLL (one token per line)</source>
        <translation>CoNLL (هر توکن در یک سطر)</translation>
    </message>
    <message>
        <source>Include suggestions not yet reviewed</source>
        <translation>پیشنهادهای بازبینی‌نشده هم بیایند</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>قالب:</translation>
    </message>
    <message>
        <source>Tagging scheme:</source>
        <translation>طرح برچسب‌گذاری:</translation>
    </message>
    <message>
        <source>Only documents that are (none: all):</source>
        <translation>فقط سندهایی که (هیچ: همه):</translation>
    </message>
    <message>
        <source>Write to:</source>
        <translation>نوشتن در:</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>خروجی در</translation>
    </message>
    <message>
        <source>Split by document into train, dev and test</source>
        <translation>تقسیم سندها به آموزش، توسعه و آزمون</translation>
    </message>
    <message>
        <source>brat standoff (a folder of .txt and .ann files)</source>
        <translation>brat standoff (پوشه‌ای از پرونده‌های txt و ann)</translation>
    </message>
    <message>
        <source>PLOVER events (one event per line)</source>
        <translation>رویدادهای PLOVER (هر سطر یک رویداد)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>آموزش</translation>
    </message>
    <message>
        <source>dev</source>
        <translation>توسعه</translation>
    </message>
    <message>
        <source>test</source>
        <translation>آزمون</translation>
    </message>
    <message>
        <source>The same seed gives the same split</source>
        <translation>بذر یکسان، تقسیم یکسان می‌دهد</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>بذر</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>برچسب‌ها:</translation>
    </message>
    <message>
        <source>The parts add up to {total} %, not 100 %.</source>
        <translation>جمع بخش‌ها {total} ٪ است، نه ۱۰۰ ٪.</translation>
    </message>
    <message>
        <source>Tick at least one label.</source>
        <translation>دست‌کم یک برچسب را علامت بزنید.</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>پرونده‌ای برای نوشتن انتخاب کنید.</translation>
    </message>
    <message>
        <source>Writes {files}.</source>
        <translation>نوشته می‌شود: {files}.</translation>
    </message>
    <message>
        <source>Writes the folder {name}: a .txt and an .ann for each document, and annotation.conf (an earlier brat export there is replaced).</source>
        <translation>پوشهٔ {name} نوشته می‌شود: برای هر سند یک پروندهٔ txt و یک ann، و annotation.conf (خروجی brat پیشینِ آنجا جایگزین می‌شود).</translation>
    </message>
    <message>
        <source>Exported {documents} documents with {spans} spans.</source>
        <translation>{documents} سند با {spans} برچسب نوشته شد.</translation>
    </message>
    <message>
        <source>{n} spans widened to whole tokens.</source>
        <translation>{n} برچسب تا مرز توکن‌ها گسترش یافت.</translation>
    </message>
    <message>
        <source>{n} sentences joined to keep a span whole.</source>
        <translation>{n} جمله به هم پیوست تا برچسبی دوتکه نشود.</translation>
    </message>
    <message>
        <source>{n} spans left out: they could not be written on the tokens.</source>
        <translation>{n} برچسب کنار گذاشته شد: روی توکن‌ها نوشتنی نبود.</translation>
    </message>
    <message>
        <source>Exported {events} events from {documents} documents.</source>
        <translation>{events} رویداد از {documents} سند نوشته شد.</translation>
    </message>
    <message>
        <source>{n} events with them.</source>
        <translation>همراه با {n} رویداد.</translation>
    </message>
    <message>
        <source>{n} events left out: CoNLL cannot carry events.</source>
        <translation>{n} رویداد کنار گذاشته شد: CoNLL رویداد را نگه نمی‌دارد.</translation>
    </message>
    <message>
        <source>{n} events left out: their trigger was not exported.</source>
        <translation>{n} رویداد کنار گذاشته شد: واژهٔ رویدادشان در خروجی نبود.</translation>
    </message>
    <message>
        <source>Files written:</source>
        <translation>پرونده‌های نوشته‌شده:</translation>
    </message>
    <message>
        <source>{file}: {documents} documents</source>
        <translation>{file}: {documents} سند</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Show the suggestions of one model only</source>
        <translation>فقط پیشنهادهای یک مدل نشان داده شود</translation>
    </message>
    <message>
        <source>any</source>
        <translation>همه</translation>
    </message>
    <message>
        <source>Hide suggestions scoring less than this</source>
        <translation>پیشنهادهای با امتیاز کمتر از این پنهان شوند</translation>
    </message>
    <message>
        <source>Suggestions:</source>
        <translation>پیشنهادها:</translation>
    </message>
    <message>
        <source>score ≥</source>
        <translation>امتیاز ≥</translation>
    </message>
    <message>
        <source>all models</source>
        <translation>همهٔ مدل‌ها</translation>
    </message>
    <message>
        <source>{n} to review</source>
        <translation>{n} برای بازبینی</translation>
    </message>
    <message>
        <source>({n} hidden)</source>
        <translation>({n} پنهان)</translation>
    </message>
</context>
<context>
    <name>ImportSuggestionsDialog</name>
    <message>
        <source>Import Suggestions</source>
        <translation>ورود پیشنهادها</translation>
    </message>
    <message>
        <source>JSONL, Label Studio or CoNLL output of a model</source>
        <translation>خروجی JSONL، Label Studio یا CoNLL یک مدل</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>the model&apos;s name, e.g. parsbert-ner-v2</source>
        <translation>نام مدل، مثلاً parsbert-ner-v2</translation>
    </message>
    <message>
        <source>Documents are matched by id, else by their text. The suggestions come in to be reviewed; nothing is added when a file has an error.</source>
        <translation>سندها با شناسه، وگرنه با متنشان پیدا می‌شوند. پیشنهادها برای بازبینی می‌آیند؛ اگر پرونده‌ای خطا داشته باشد چیزی افزوده نمی‌شود.</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>پرونده‌ها:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>مدل:</translation>
    </message>
    <message>
        <source>Suggestions of a model</source>
        <translation>پیشنهادهای یک مدل</translation>
    </message>
    <message>
        <source>Model output ({patterns});;All files (*)</source>
        <translation>خروجی مدل ({patterns});;همهٔ پرونده‌ها (*)</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <source>Labels:</source>
        <translation>برچسب‌ها:</translation>
    </message>
</context>
<context>
    <name>LearningCurve</name>
    <message>
        <source>Held-out F1 by documents trained on</source>
        <translation>F1 روی سندهای کنارگذاشته، برحسب سندهای آموزش</translation>
    </message>
    <message>
        <source>No training with held-out scores yet: a model needs five documents or more.</source>
        <translation>هنوز آموزشی با امتیاز روی سندهای کنارگذاشته نیست: مدل دست‌کم پنج سند می‌خواهد.</translation>
    </message>
    <message>
        <source>documents trained on</source>
        <translation>سندهای آموزش</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Show every analyst the others' labels, underlined in the labels' colours (a setting of the project; off, each labels blind)</source>
        <translation>برچسب‌های هر تحلیلگر به دیگران نشان داده شود، با خطی زیر متن به رنگ برچسب (تنظیم پروژه؛ خاموش، هر کس بی‌خبر از دیگران برچسب می‌زند)</translation>
    </message>
    <message>
        <source>&amp;Other Analysts' Labels</source>
        <translation>برچسب‌های &amp;تحلیلگران دیگر</translation>
    </message>
    <message>
        <source>No document was labelled by two analysts or more.</source>
        <translation>هیچ سندی را دو تحلیلگر یا بیشتر برچسب نزده‌اند.</translation>
    </message>
    <message>
        <source>Comparing the analysts…</source>
        <translation>مقایسهٔ تحلیلگران…</translation>
    </message>
    <message>
        <source>How far the analysts agree, pair by pair; the documents they disagree on most</source>
        <translation>تحلیلگران تا کجا هم‌نظرند، دوبه‌دو؛ سندهایی که بیشترین ناهمسویی را دارند</translation>
    </message>
    <message>
        <source>Analysts' &amp;Agreement…</source>
        <translation>&amp;توافق تحلیلگران…</translation>
    </message>
    <message>
        <source>Your name as an analyst (your edits are recorded under it; other analysts' labels stay hidden):</source>
        <translation>نام شما به‌عنوان تحلیلگر (ویرایش‌هایتان به این نام ثبت می‌شود و برچسب‌های تحلیلگران دیگر پنهان می‌مانند):</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>تحلیلگر</translation>
    </message>
    <message>
        <source>Working as {analyst}.</source>
        <translation>اکنون به نام {analyst} کار می‌کنید.</translation>
    </message>
    <message>
        <source>Annotator — {file} — {analyst}</source>
        <translation>برچسب‌زن — {file} — {analyst}</translation>
    </message>
    <message>
        <source>{done} of {total} of mine done</source>
        <translation>{done} از {total} سند من انجام شده</translation>
    </message>
    <message>
        <source>The name you work under</source>
        <translation>نامی که با آن کار می‌کنید</translation>
    </message>
    <message>
        <source>&amp;Analyst…</source>
        <translation>&amp;تحلیلگر…</translation>
    </message>
    <message>
        <source>The project database cannot be reached ({problem}). Edits are kept in this window and saved when it is back.</source>
        <translation>پایگاه دادهٔ پروژه در دسترس نیست ({problem}). ویرایش‌ها در این پنجره نگه داشته می‌شوند و وقتی دوباره در دسترس شد ذخیره می‌شوند.</translation>
    </message>
    <message>
        <source>Connected to the project database again.</source>
        <translation>اتصال به پایگاه دادهٔ پروژه دوباره برقرار شد.</translation>
    </message>
    <message>
        <source>Annotator — {file}</source>
        <translation>برچسب‌زن — {file}</translation>
    </message>
    <message>
        <source>No documents yet: import articles from the File menu or drop files here.</source>
        <translation>هنوز سندی نیست: از منوی پرونده مقاله وارد کنید یا پرونده‌ها را اینجا رها کنید.</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>{done} از {total} انجام شده</translation>
    </message>
    <message>
        <source>Undo: {edit}</source>
        <translation>واگرد: {edit}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>واگرد</translation>
    </message>
    <message>
        <source>Redo: {edit}</source>
        <translation>ازنو: {edit}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>ازنو</translation>
    </message>
    <message>
        <source>Nothing to label: select words or put the caret on one.</source>
        <translation>چیزی برای برچسب زدن نیست: واژه‌ای را انتخاب کنید یا مکان‌نما را روی آن بگذارید.</translation>
    </message>
    <message>
        <source>No span selected: click a span or put the caret in one.</source>
        <translation>برچسبی انتخاب نشده: روی برچسبی کلیک کنید یا مکان‌نما را در آن بگذارید.</translation>
    </message>
    <message>
        <source>This is the last document.</source>
        <translation>این آخرین سند است.</translation>
    </message>
    <message>
        <source>This is the first document.</source>
        <translation>این نخستین سند است.</translation>
    </message>
    <message>
        <source>The interface language changes when Annotator next starts.</source>
        <translation>زبان رابط در اجرای بعدی برچسب‌زن عوض می‌شود.</translation>
    </message>
</context>
<context>
    <name>ModelControls</name>
    <message>
        <source>&amp;Train Model</source>
        <translation>&amp;آموزش مدل</translation>
    </message>
    <message>
        <source>Train the built-in model on the documents done, in the background</source>
        <translation>آموزش مدل درونی روی سندهای انجام‌شده، در پس‌زمینه</translation>
    </message>
    <message>
        <source>Cancel &amp;Training</source>
        <translation>لغو آ&amp;موزش</translation>
    </message>
    <message>
        <source>Stop the training; the model in use stays as it was</source>
        <translation>آموزش را متوقف کن؛ مدلِ در کار همان که بود می‌ماند</translation>
    </message>
    <message>
        <source>Suggest for &amp;This Document</source>
        <translation>پیشنهاد برای &amp;همین سند</translation>
    </message>
    <message>
        <source>Add the model's suggestions to the open document</source>
        <translation>پیشنهادهای مدل را به سند باز بیفزا</translation>
    </message>
    <message>
        <source>Suggest for All Documents &amp;Not Done</source>
        <translation>پیشنهاد برای همهٔ سندهای ا&amp;نجام‌نشده</translation>
    </message>
    <message>
        <source>Add the model's suggestions to every new and in-progress document</source>
        <translation>پیشنهادهای مدل را به همهٔ سندهای تازه و در حال کار بیفزا</translation>
    </message>
    <message>
        <source>Train the model again in the background as documents are marked done</source>
        <translation>با انجام‌شدن سندها، مدل را دوباره در پس‌زمینه آموزش بده</translation>
    </message>
    <message>
        <source>Next Most &amp;Uncertain</source>
        <translation>نامطمئن‌ترین &amp;بعدی</translation>
    </message>
    <message>
        <source>Open the document not done that the model is least sure of</source>
        <translation>سند انجام‌نشده‌ای را باز کن که مدل کمتر از همه به آن مطمئن است</translation>
    </message>
    <message>
        <source>Train &amp;Again Every {n} Documents Done</source>
        <translation>آموزش &amp;دوباره پس از هر {n} سند انجام‌شده</translation>
    </message>
    <message>
        <source>Model {name} trained {when}</source>
        <translation>مدل {name}، آموزش {when}</translation>
    </message>
    <message>
        <source>held-out F1 {f1}</source>
        <translation>F1 کنارگذاشته {f1}</translation>
    </message>
    <message>
        <source>Trained on {documents} documents ({tokens} tokens); held-out scores on {held} documents.</source>
        <translation>آموزش روی {documents} سند ({tokens} توکن)؛ امتیاز روی {held} سند کنارگذاشته.</translation>
    </message>
    <message>
        <source>{label}: precision {p}, recall {r}, F1 {f1}</source>
        <translation>{label}: دقت {p}، بازیابی {r}، F1 {f1}</translation>
    </message>
    <message>
        <source>The model is being trained already.</source>
        <translation>مدل هم‌اکنون در حال آموزش است.</translation>
    </message>
    <message>
        <source>Training the model…</source>
        <translation>آموزش مدل…</translation>
    </message>
    <message>
        <source>Training the model… {percent}</source>
        <translation>آموزش مدل… {percent}</translation>
    </message>
    <message>
        <source>, held-out F1 {f1}</source>
        <translation>، F1 کنارگذاشته {f1}</translation>
    </message>
    <message>
        <source>The model {name} was trained on {n} documents{f1}.</source>
        <translation>مدل {name} روی {n} سند آموزش دید{f1}.</translation>
    </message>
    <message>
        <source>The model was not trained: {problem}</source>
        <translation>مدل آموزش ندید: {problem}</translation>
    </message>
    <message>
        <source>No model yet: Review → Train Model trains one.</source>
        <translation>هنوز مدلی نیست: بازبینی ← آموزش مدل یکی می‌سازد.</translation>
    </message>
    <message>
        <source>This document is done: the model suggests for new and in-progress documents.</source>
        <translation>این سند انجام شده است: مدل برای سندهای تازه و در حال کار پیشنهاد می‌دهد.</translation>
    </message>
    <message>
        <source>{added} suggestions of {model} added ({kept} were there already).</source>
        <translation>{added} پیشنهاد {model} افزوده شد ({kept} از پیش بود).</translation>
    </message>
    <message>
        <source>Adding the model's suggestions…</source>
        <translation>افزودن پیشنهادهای مدل…</translation>
    </message>
    <message>
        <source>Added {added} suggestions of {model} to {documents} documents.</source>
        <translation>{added} پیشنهاد {model} به {documents} سند افزوده شد.</translation>
    </message>
    <message>
        <source>Next Most Uncertain needs the crf model: Review → Train Model trains it.</source>
        <translation>«نامطمئن‌ترین بعدی» مدل crf را می‌خواهد: بازبینی ← آموزش مدل آن را می‌سازد.</translation>
    </message>
    <message>
        <source>The model is still weighing the documents; try again in a moment.</source>
        <translation>مدل هنوز سندها را می‌سنجد؛ کمی بعد دوباره بکوشید.</translation>
    </message>
    <message>
        <source>Every document is done.</source>
        <translation>همهٔ سندها انجام شده‌اند.</translation>
    </message>
    <message>
        <source>The model is least sure of this document (uncertainty {value}).</source>
        <translation>مدل کمتر از همه به این سند مطمئن است (عدم قطعیت {value}).</translation>
    </message>
</context>
<context>
    <name>ModelReportDialog</name>
    <message>
        <source>Model Report</source>
        <translation>گزارش مدل‌ها</translation>
    </message>
    <message>
        <source>Model / label</source>
        <translation>مدل / برچسب</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>پذیرفته</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>اصلاح‌شده</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>ردشده</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>در انتظار</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>دقت</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>بازیابی</translation>
    </message>
    <message>
        <source>No model has suggestions in this project yet: File → Import Suggestions adds them.</source>
        <translation>هنوز هیچ مدلی در این پروژه پیشنهادی ندارد: پرونده ← ورود پیشنهادها آن‌ها را می‌افزاید.</translation>
    </message>
    <message>
        <source>Corrected: accepted with another label or other boundaries. Precision: accepted as they were, out of all reviewed. Recall: the analysts&apos; labels the model had proposed exactly, on documents done with nothing of the model pending.</source>
        <translation>اصلاح‌شده: پذیرفته با برچسب یا مرزهای دیگر. دقت: پذیرفته‌های بی‌تغییر از میان همهٔ بازبینی‌شده‌ها. بازیابی: برچسب‌های نهایی تحلیلگران که مدل دقیقاً همان را پیشنهاد کرده بود، در سندهای انجام‌شده‌ای که پیشنهاد در انتظاری از آن مدل ندارند.</translation>
    </message>
    <message>
        <source>Built-in models, scored on the documents held out from their training:</source>
        <translation>مدل‌های درونی، با امتیاز روی سندهایی که از آموزششان کنار گذاشته شد:</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>سندها</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>برچسب‌ها</translation>
    </message>
</context>
<context>
    <name>ProjectFile</name>
    <message>
        <source>Annotator — {file} (read-only)</source>
        <translation>برچسب‌زن — {file} (فقط‌خواندنی)</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>فقط‌خواندنی</translation>
    </message>
    <message>
        <source>This project file cannot be written: it can be read and exported, not edited.</source>
        <translation>در این پروندهٔ پروژه نمی‌توان نوشت: می‌شود آن را خواند و از آن خروجی گرفت، اما نمی‌شود ویرایشش کرد.</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>&amp;Next Suggestion</source>
        <translation>پیشنهاد &amp;بعدی</translation>
    </message>
    <message>
        <source>Select the next suggestion to review</source>
        <translation>انتخاب پیشنهاد بعدی برای بازبینی</translation>
    </message>
    <message>
        <source>&amp;Accept Suggestion</source>
        <translation>&amp;پذیرفتن پیشنهاد</translation>
    </message>
    <message>
        <source>Accept the selected suggestion as it is</source>
        <translation>پذیرفتن پیشنهاد انتخاب‌شده همان‌گونه که هست</translation>
    </message>
    <message>
        <source>Accept the selected suggestion as it is (A or Enter)</source>
        <translation>پذیرفتن پیشنهاد انتخاب‌شده همان‌گونه که هست (A یا Enter)</translation>
    </message>
    <message>
        <source>&amp;Reject Suggestion</source>
        <translation>&amp;رد کردن پیشنهاد</translation>
    </message>
    <message>
        <source>Reject the selected suggestion</source>
        <translation>رد کردن پیشنهاد انتخاب‌شده</translation>
    </message>
    <message>
        <source>Accept All &amp;Above Score…</source>
        <translation>پذیرفتن همه &amp;بالاتر از یک امتیاز…</translation>
    </message>
    <message>
        <source>Accept every suggestion scoring at least a given score, in this document or the whole project</source>
        <translation>پذیرفتن همهٔ پیشنهادهایی که دست‌کم امتیاز معینی دارند، در این سند یا همهٔ پروژه</translation>
    </message>
    <message>
        <source>Model &amp;Report…</source>
        <translation>&amp;گزارش مدل‌ها…</translation>
    </message>
    <message>
        <source>How each model&apos;s suggestions fared: precision and recall, per label</source>
        <translation>سرنوشت پیشنهادهای هر مدل: دقت و بازیابی، به تفکیک برچسب</translation>
    </message>
    <message>
        <source>Import &amp;Suggestions…</source>
        <translation>ورود &amp;پیشنهادها…</translation>
    </message>
    <message>
        <source>Add a model&apos;s pre-annotations to review</source>
        <translation>افزودن پیش‌برچسب‌های یک مدل برای بازبینی</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;بازبینی</translation>
    </message>
</context>
<context>
    <name>Reviewer</name>
    <message>
        <source>No suggestions to review in this document ({n} hidden by the filter).</source>
        <translation>در این سند پیشنهادی برای بازبینی نیست ({n} با پالایه پنهان است).</translation>
    </message>
    <message>
        <source>No suggestions to review in this document.</source>
        <translation>در این سند پیشنهادی برای بازبینی نیست.</translation>
    </message>
    <message>
        <source>Suggestion of {model}, score {score}: A or Enter accepts, X rejects, {keys} accept under another label.</source>
        <translation>پیشنهاد {model}، امتیاز {score}: A یا Enter می‌پذیرد، X رد می‌کند، {keys} با برچسب دیگری می‌پذیرد.</translation>
    </message>
    <message>
        <source>Suggestion of {model}: A or Enter accepts, X rejects, {keys} accept under another label.</source>
        <translation>پیشنهاد {model}: A یا Enter می‌پذیرد، X رد می‌کند، {keys} با برچسب دیگری می‌پذیرد.</translation>
    </message>
    <message>
        <source>No suggestion selected: N selects the next one.</source>
        <translation>پیشنهادی انتخاب نشده است: N پیشنهاد بعدی را انتخاب می‌کند.</translation>
    </message>
    <message>
        <source>Accepting suggestions…</source>
        <translation>پذیرفتن پیشنهادها…</translation>
    </message>
    <message>
        <source>No suggestion scores {score} or more.</source>
        <translation>هیچ پیشنهادی امتیاز {score} یا بیشتر ندارد.</translation>
    </message>
    <message>
        <source>accept {n} suggestions scoring {score} or more</source>
        <translation>پذیرش {n} پیشنهاد با امتیاز {score} یا بیشتر</translation>
    </message>
    <message>
        <source>Accepted {n} suggestions scoring {score} or more.</source>
        <translation>{n} پیشنهاد با امتیاز {score} یا بیشتر پذیرفته شد.</translation>
    </message>
    <message>
        <source>{n} left to review: they overlap a label or a stronger suggestion.</source>
        <translation>{n} پیشنهاد برای بازبینی ماند: با برچسبی یا پیشنهاد قوی‌تری هم‌پوشانی دارند.</translation>
    </message>
    <message>
        <source>Importing suggestions…</source>
        <translation>ورود پیشنهادها…</translation>
    </message>
    <message>
        <source>Added {added} suggestions of {model} in {documents} documents.</source>
        <translation>{added} پیشنهاد از {model} در {documents} سند افزوده شد.</translation>
    </message>
    <message>
        <source>{n} were already in the project.</source>
        <translation>{n} پیشنهاد از پیش در پروژه بود.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>actor</source>
        <translation>کنشگر</translation>
    </message>
    <message>
        <source>recipient</source>
        <translation>گیرنده</translation>
    </message>
    <message>
        <source>location</source>
        <translation>مکان</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Curation finished.</source>
        <translation>داوری به پایان رسید.</translation>
    </message>
    <message>
        <source>Curation is for a document two or more analysts labelled; this one has {n}.</source>
        <translation>داوری برای سندی است که دو تحلیلگر یا بیشتر برچسب زده‌اند؛ این سند {n} دارد.</translation>
    </message>
    <message>
        <source>That document is no longer in the project file.</source>
        <translation>این سند دیگر در پروندهٔ پروژه نیست.</translation>
    </message>
    <message>
        <source>Every document is done.</source>
        <translation>همهٔ سندها انجام شده‌اند.</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>ذخیره نشد: {problem}</translation>
    </message>
    <message>
        <source>This project file is read-only: nothing can be changed in it. To label, make it writable (or work on a copy) and open it again.</source>
        <translation>این پروندهٔ پروژه فقط‌خواندنی است: هیچ چیز آن را نمی‌توان تغییر داد. برای برچسب‌گذاری، آن را نوشتنی کنید (یا روی رونوشتی از آن کار کنید) و دوباره بازش کنید.</translation>
    </message>
</context>
<context>
    <name>SpanList</name>
    <message>
        <source>human</source>
        <translation>انسان</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>در انتظار</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>پذیرفته</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>ردشده</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>متن</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>منشأ</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>امتیاز</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>new</source>
        <translation>تازه</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>در جریان</translation>
    </message>
    <message>
        <source>done</source>
        <translation>انجام‌شده</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>بازبینی‌شده</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Nothing was imported: the files have labels the project does not have.</source>
        <translation>چیزی وارد نشد: پرونده‌ها برچسب‌هایی دارند که در پروژه نیستند.</translation>
    </message>
    <message>
        <source>Add Labels and Import</source>
        <translation>افزودن برچسب‌ها و ورود</translation>
    </message>
    <message>
        <source>These files have labels the project does not have: {labels}. Nothing was imported.

Add them to the project's labels and import the files?</source>
        <translation>این پرونده‌ها برچسب‌هایی دارند که در پروژه نیستند: {labels}. چیزی وارد نشد.

آن‌ها را به برچسب‌های پروژه بیفزاییم و پرونده‌ها را وارد کنیم؟</translation>
    </message>
    <message>
        <source>Labels not in the project</source>
        <translation>برچسب‌هایی که در پروژه نیستند</translation>
    </message>
    <message>
        <source>{label} ({n} spans)</source>
        <translation>{label} ({n} برچسب)</translation>
    </message>
    <message>
        <source>Import articles</source>
        <translation>ورود مقاله‌ها</translation>
    </message>
    <message>
        <source>Articles (*.txt *.jsonl *.json *.conll *.conllu *.tsv);;All files (*)</source>
        <translation>مقاله‌ها (*.txt *.jsonl *.json *.conll *.conllu *.tsv);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>Import a folder of articles</source>
        <translation>ورود پوشه‌ای از مقاله‌ها</translation>
    </message>
    <message>
        <source>Importing articles…</source>
        <translation>در حال ورود مقاله‌ها…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>در حال نوشتن خروجی…</translation>
    </message>
    <message>
        <source>Please wait: an import or export is running.</source>
        <translation>لطفاً صبر کنید: ورود یا خروجی در جریان است.</translation>
    </message>
    <message>
        <source>Imported {added} documents with {spans} spans.</source>
        <translation>{added} سند با {spans} برچسب وارد شد.</translation>
    </message>
    <message>
        <source>{n} events came with them.</source>
        <translation>همراه با {n} رویداد.</translation>
    </message>
    <message>
        <source>{n} already in the project.</source>
        <translation>{n} سند از پیش در پروژه بود.</translation>
    </message>
    <message>
        <source>Not read as articles: {files}</source>
        <translation>به‌عنوان مقاله خوانده نشد: {files}</translation>
    </message>
    <message>
        <source>Exported {documents} documents, {spans} spans to {path}.</source>
        <translation>{documents} سند و {spans} برچسب در {path} نوشته شد.</translation>
    </message>
    <message>
        <source>{n} spans widened to whole tokens.</source>
        <translation>{n} برچسب تا مرز توکن‌ها گسترش یافت.</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>خروجی پایان یافت</translation>
    </message>
</context>
<context>
    <name>UnsavedEdits</name>
    <message>
        <source>the project database cannot be reached</source>
        <translation>پایگاه دادهٔ پروژه در دسترس نیست</translation>
    </message>
    <message>
        <source>&amp;Retry Saving</source>
        <translation>&amp;ذخیرهٔ دوباره</translation>
    </message>
    <message>
        <source>Write the edits kept in this window to the project file</source>
        <translation>ویرایش‌های نگه‌داشته در این پنجره را در پروندهٔ پروژه بنویس</translation>
    </message>
    <message>
        <source>another program is writing to the project file</source>
        <translation>برنامهٔ دیگری در حال نوشتن در پروندهٔ پروژه است</translation>
    </message>
    <message>
        <source>the project file or its folder is read-only</source>
        <translation>پروندهٔ پروژه یا پوشهٔ آن فقط‌خواندنی است</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>دیسک پر است</translation>
    </message>
    <message>
        <source>the disk could not be written (input/output error)</source>
        <translation>نوشتن روی دیسک ممکن نشد (خطای ورودی/خروجی)</translation>
    </message>
    <message>
        <source>Your edit could not be saved: {reason}. It is kept in this window, not in the project file: Edit → Retry Saving writes it.</source>
        <translation>ویرایش شما ذخیره نشد: {reason}. این ویرایش در همین پنجره نگه داشته شده، نه در پروندهٔ پروژه: ویرایش ← ذخیرهٔ دوباره آن را می‌نویسد.</translation>
    </message>
    <message>
        <source>Still not saved: {reason}. The edits stay kept in this window.</source>
        <translation>هنوز ذخیره نشد: {reason}. ویرایش‌ها همچنان در این پنجره نگه داشته می‌شوند.</translation>
    </message>
    <message>
        <source>Saved: the edits kept in this window are in the project file now.</source>
        <translation>ذخیره شد: ویرایش‌های نگه‌داشته در این پنجره اکنون در پروندهٔ پروژه‌اند.</translation>
    </message>
    <message>
        <source>Edits Not Saved</source>
        <translation>ویرایش‌های ذخیره‌نشده</translation>
    </message>
    <message>
        <source>{n} edits could not be saved ({reason}) and are kept only in this window. Quit and lose them?</source>
        <translation>{n} ویرایش ذخیره نشد ({reason}) و فقط در این پنجره نگه داشته شده است. خارج می‌شوید و آن‌ها را از دست می‌دهید؟</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>و {n} مورد دیگر</translation>
    </message>
    <message>
        <source>⚠ Not saved ({reason}): {edits}. Kept in this window until Retry Saving writes them to the project file.</source>
        <translation>⚠ ذخیره نشد ({reason}): {edits}. تا وقتی «ذخیرهٔ دوباره» آن‌ها را در پروندهٔ پروژه بنویسد، در این پنجره نگه داشته می‌شوند.</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Overall: kappa {kappa}, span F1 {f1}, overlap F1 {overlap}, events F1 {events}.</source>
        <translation>روی هم: کاپا {kappa}، F1 بازه‌ها {f1}، F1 هم‌پوشانی {overlap}، F1 رویدادها {events}.</translation>
    </message>
    <message>
        <source>Events made: {a} {n}, {b} {m}; matched (trigger, type and arguments alike): {tp}</source>
        <translation>رویدادهای ساخته‌شده: {a} {n}، {b} {m}؛ یکسان (واژهٔ رویداد، نوع و نقش‌ها همه یکی): {tp}</translation>
    </message>
    <message>
        <source>Events F1</source>
        <translation>F1 رویدادها</translation>
    </message>
    <message>
        <source>Documents, the most disagreed on first (double-click to curate):</source>
        <translation>سندها، پرناهمسوترین اول (برای داوری دوبار کلیک کنید):</translation>
    </message>
    <message>
        <source>Kappa of each pair of analysts:</source>
        <translation>کاپای هر دو تحلیلگر:</translation>
    </message>
    <message>
        <source>Double-click a document to curate it</source>
        <translation>برای داوری یک سند روی آن دوبار کلیک کنید</translation>
    </message>
    <message>
        <source>Tags disagreed on</source>
        <translation>برچسب‌های ناهمسو</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>Overlap F1</source>
        <translation>F1 هم‌پوشانی</translation>
    </message>
    <message>
        <source>Span F1</source>
        <translation>F1 بازه‌ها</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>کاپا</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>توکن‌ها</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>سندها</translation>
    </message>
    <message>
        <source>Analysts</source>
        <translation>تحلیلگران</translation>
    </message>
    <message>
        <source>{a} and {b}: {n} documents, {t} tokens; span F1 {f1}</source>
        <translation>{a} و {b}: {n} سند، {t} توکن؛ F1 بازه‌ها {f1}</translation>
    </message>
    <message>
        <source>Fleiss' kappa over {n} documents: {kappa}.</source>
        <translation>کاپای فلایس روی {n} سند: {kappa}.</translation>
    </message>
    <message>
        <source>Analysts' Agreement</source>
        <translation>توافق تحلیلگران</translation>
    </message>
</context>
<context>
    <name>CurationPanel</name>
    <message>
        <source>no event</source>
        <translation>بدون رویداد</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>رویداد</translation>
    </message>
    <message>
        <source>Event disagreements: {n} (listed last): E on a trigger builds its frame; J, K, L add to it.</source>
        <translation>ناهمسویی رویدادها: {n} (در پایان فهرست). E روی واژهٔ رویداد چارچوبش را می‌سازد؛ J، K و L به آن می‌افزایند.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>هیچ</translation>
    </message>
    <message>
        <source>Curating: {n} disagreements, {left} to decide. D: next; Alt+1…9: take a version; Alt+0: none; label keys: label anew; Ctrl+Enter: finish.</source>
        <translation>داوری: {n} ناهمسویی، {left} مانده. D: بعدی؛ Alt+1…9: برداشتن یک نسخه؛ Alt+0: هیچ‌کدام؛ کلیدهای برچسب: برچسب تازه؛ Ctrl+Enter: پایان.</translation>
    </message>
</context>
<context>
    <name>Curator</name>
    <message>
        <source>{n} disagreements are not settled yet (D goes to them); Alt+0 settles one as none.</source>
        <translation>{n} ناهمسویی هنوز داوری نشده (D به آن‌ها می‌رود)؛ Alt+0 یکی را با «هیچ‌کدام» می‌بندد.</translation>
    </message>
    <message>
        <source>This disagreement has {n} versions.</source>
        <translation>این ناهمسویی {n} نسخه دارد.</translation>
    </message>
    <message>
        <source>Go to a disagreement first (D).</source>
        <translation>نخست به یک ناهمسویی بروید (D).</translation>
    </message>
    <message>
        <source>Nothing to decide: the analysts agree on every span.</source>
        <translation>چیزی برای داوری نیست: تحلیلگران دربارهٔ همهٔ بازه‌ها هم‌نظرند.</translation>
    </message>
    <message>
        <source>Reject every version of this disagreement</source>
        <translation>رد همهٔ نسخه‌های این ناهمسویی</translation>
    </message>
    <message>
        <source>Take None</source>
        <translation>برنداشتن هیچ‌کدام</translation>
    </message>
    <message>
        <source>Take the analysts' version {n} of this disagreement</source>
        <translation>برداشتن نسخهٔ {n} تحلیلگران در این ناهمسویی</translation>
    </message>
    <message>
        <source>Take Version {n}</source>
        <translation>برداشتن نسخهٔ {n}</translation>
    </message>
    <message>
        <source>Go to the previous disagreement</source>
        <translation>رفتن به ناهمسویی قبلی</translation>
    </message>
    <message>
        <source>Previous Disagreement</source>
        <translation>ناهمسویی قبلی</translation>
    </message>
    <message>
        <source>Go to the next disagreement</source>
        <translation>رفتن به ناهمسویی بعدی</translation>
    </message>
    <message>
        <source>Next &amp;Disagreement</source>
        <translation>&amp;ناهمسویی بعدی</translation>
    </message>
    <message>
        <source>Settle what several analysts labelled in this document</source>
        <translation>یکدست کردن برچسب‌های چند تحلیلگر در این سند</translation>
    </message>
    <message>
        <source>&amp;Curate</source>
        <translation>&amp;داوری</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>LOCATION</source>
        <translation>مکان</translation>
    </message>
    <message>
        <source>EVENT</source>
        <translation>رویداد</translation>
    </message>
    <message>
        <source>ACTOR</source>
        <translation>کنشگر</translation>
    </message>
</context>
</TS>
