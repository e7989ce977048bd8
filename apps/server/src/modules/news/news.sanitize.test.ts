import { describe, expect, it } from 'vitest';
import { bodyText, sanitizeBody } from './news.sanitize.js';

describe('sanitizeBody: the allow-list', () => {
  const kept: [string, string, string][] = [
    ['paragraphs, bold and italics', '<p>Một <strong>đậm</strong> <em>nghiêng</em> <u>gạch</u></p>', '<p>Một <strong>đậm</strong> <em>nghiêng</em> <u>gạch</u></p>'],
    ['b and i become strong and em', '<p><b>đậm</b> <i>nghiêng</i></p>', '<p><strong>đậm</strong> <em>nghiêng</em></p>'],
    ['an h1 becomes h2 (the page has its own h1)', '<h1>Tiêu đề</h1><h3>Mục</h3>', '<h2>Tiêu đề</h2><h3>Mục</h3>'],
    ['lists', '<ol start="3"><li>ba</li></ol><ul><li>một</li></ul>', '<ol start="3"><li>ba</li></ol><ul><li>một</li></ul>'],
    ['a link on this site', '<a href="/tin-tuc/bai-khac">bài khác</a>', '<a href="/tin-tuc/bai-khac">bài khác</a>'],
    ['a link elsewhere, given no opener and no referrer', '<a href="https://vanlinh.gov.vn" rel="opener">cổng tỉnh</a>', '<a href="https://vanlinh.gov.vn" rel="noopener noreferrer">cổng tỉnh</a>'],
    ['a figure of our photo', '<figure><img src="/tin-tuc/anh/7" alt="Quang cảnh"><figcaption>Quang cảnh</figcaption></figure>', '<figure><img src="/tin-tuc/anh/7" alt="Quang cảnh" /><figcaption>Quang cảnh</figcaption></figure>'],
    ['a table', '<table><thead><tr><th scope="col">Chỉ tiêu</th></tr></thead><tbody><tr><td>1.634</td></tr></tbody></table>', '<table><thead><tr><th scope="col">Chỉ tiêu</th></tr></thead><tbody><tr><td>1.634</td></tr></tbody></table>'],
    ['a quote', '<blockquote><p>Mới mẻ trong cách nghĩ</p></blockquote>', '<blockquote><p>Mới mẻ trong cách nghĩ</p></blockquote>'],
    ['text with markup characters stays text', '<p>1 &lt; 2 &amp; "x"</p>', '<p>1 &lt; 2 &amp; "x"</p>'],
  ];
  it.each(kept)('keeps %s', (_name, input, output) => expect(sanitizeBody(input)).toBe(output));

  const dropped: [string, string][] = [
    ['a script and its content', '<p>a</p><script>alert(1)</script>'],
    ['a script in upper case', '<SCRIPT SRC="https://x/y.js"></SCRIPT><p>a</p>'],
    ['event handlers', '<p onclick="alert(1)" onmouseover="x()">a</p>'],
    ['style attributes and style elements', '<p style="background:url(javascript:1)">a</p><style>p{color:red}</style>'],
    ['javascript: links, however written', '<a href="javascript:alert(1)">x</a><a href="JaVaScRiPt:alert(1)">y</a><a href="&#106;avascript:alert(1)">z</a><a href=" javascript:1">w</a><a href="java\tscript:1">v</a>'],
    ['data: and vbscript: links', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a><a href="vbscript:msgbox">y</a>'],
    ['protocol-relative links', '<a href="//evil.example/x">x</a>'],
    ['images from elsewhere or by data:', '<img src="https://evil.example/p.png"><img src="data:image/png;base64,AAAA"><img src="/api/news/1/photos/1/image"><img src="/tin-tuc/anh/1/../../api">'],
    ['iframes, objects, embeds, forms', '<iframe src="https://x"></iframe><object data="x"></object><embed src="x"><form action="/x"><input name="a"><button>b</button></form>'],
    ['SVG and MathML with scripts', '<svg><script>alert(1)</script></svg><math><mi xlink:href="javascript:1">x</mi></math>'],
    ['meta, base and link', '<meta http-equiv="refresh" content="0;url=https://x"><base href="https://x/"><link rel="stylesheet" href="https://x">'],
    ['class and id', '<p class="x" id="y">a</p>'],
  ];
  it.each(dropped)('removes %s', (_name, input) => {
    const out = sanitizeBody(input);
    expect(out).not.toMatch(/script|onclick|onmouseover|style|javascript|vbscript|data:|evil|iframe|object|embed|form|input|button|<svg|<math|meta|base|<link|class=|id=|\/api\//i);
  });

  it('keeps the text of an unknown tag but not the tag', () => {
    expect(sanitizeBody('<p><marquee>chạy chữ</marquee> <font color="red">đỏ</font></p>')).toBe('<p>chạy chữ đỏ</p>');
  });

  it('drops empty paragraphs left behind', () => {
    expect(sanitizeBody('<p><script>x</script></p><p>còn lại</p>')).toBe('<p>còn lại</p>');
  });
});

describe('bodyText', () => {
  it('gives the words without markup, blocks separated, entities decoded', () => {
    expect(bodyText('<h2>Kết quả</h2><p>Toàn tỉnh có <strong>1.634</strong> thôn &amp; tổ</p><ul><li>một</li><li>hai</li></ul>')).toBe('Kết quả Toàn tỉnh có 1.634 thôn & tổ một hai');
    expect(bodyText('<p>a&lt;b&gt;c &#8211; &#x2014; &nbsp;d</p>')).toBe('a<b>c – — d');
  });
});
